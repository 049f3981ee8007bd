// Command load measures affiches serve on loopback: 50 connections on a
// cached logo, on the page (/) and on posters each of a different profile
// (so none comes from the cache), with their request rates, errors and the
// process's memory before and after; then poster previews with 8 clients
// (latency) and memory over 10 000 requests. It starts the server in this
// process on 127.0.0.1 and stops by itself; every loop is bounded in count
// and time. Errors are counted, not fatal: the run reports them.
//
//	go run ./bench/load
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"affiches/internal/brand"
	"affiches/internal/server"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	srv := server.New(server.Options{}).HTTPServer(ln.Addr().String())
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 30 * time.Second}

	fmt.Printf("machine: %d CPUs, %s\n", runtime.NumCPU(), runtime.Version())

	logo := base + "/logos/complaint/fr/colour/web-small@2x.png"
	if err := get(client, logo); err != nil { // warm the cache
		fail(err)
	}
	start := rss()
	fmt.Printf("RSS at start (server up, one logo cached): %d MiB\n", start>>20)

	// 1–3. 50 connections each: a cached logo, the page, unique posters.
	var counter atomic.Int64
	for _, ph := range []struct {
		name string
		d    time.Duration
		fn   func(int) error
	}{
		{"cached logo (web-small@2x.png)", 5 * time.Second, func(int) error { return get(client, logo) }},
		{"page (GET /)", 5 * time.Second, func(int) error { return get(client, base+"/") }},
		{"unique posters (PNG, 60 dpi, A4 fr+nl, each a different profile)", 15 * time.Second, func(int) error {
			return post(client, base+"/form/poster?format=png&dpi=60", form(int(counter.Add(1))))
		}},
	} {
		before := rss()
		n, errs, lat := hammer(50, ph.d, 0, ph.fn)
		fmt.Printf("%s, 50 connections: %d requests in %v = %.0f req/s, %d errors; p50 %v, p95 %v, max %v; RSS %d → %d MiB\n",
			ph.name, n, ph.d, float64(n)/ph.d.Seconds(), errs, pct(lat, 50), pct(lat, 95), pct(lat, 100), before>>20, rss()>>20)
	}

	// 4. Poster previews, 8 clients, every request a different profile (a
	// person typing), so none is served from the cache.
	n, errs, lat := hammer(8, 60*time.Second, 240, func(int) error {
		return post(client, base+"/form/poster?format=png&dpi=60", form(int(counter.Add(1))))
	})
	fmt.Printf("poster preview (PNG, 60 dpi, A4 fr+nl, uncached): %d requests, 8 clients, %d errors; p50 %v, p95 %v, max %v\n", n, errs, pct(lat, 50), pct(lat, 95), pct(lat, 100))

	// 5. Memory over 10 000 requests: logos and previews mixed.
	rss0 := rss()
	var heap runtime.MemStats
	for i := 0; i < 10000; i++ {
		var err error
		switch i % 10 {
		case 0:
			err = post(client, base+"/form/poster?format=png&dpi=40", form(i%300))
		default:
			err = get(client, fmt.Sprintf("%s/logos/%s/%s/%s/web-%s.png", base,
				[]string{"complaint", "suggestion"}[i%2], []string{"fr", "nl", "de", "en"}[i%4], []string{"colour", "black", "white"}[i%3], []string{"small", "large"}[i/7%2]))
		}
		if err != nil {
			fail(err)
		}
		if i == 999 {
			rss0 = rss()
		}
	}
	runtime.ReadMemStats(&heap)
	fmt.Printf("memory: RSS %d MiB after 1 000 requests, %d MiB after 10 000 (heap in use %d MiB)\n", rss0>>20, rss()>>20, heap.HeapInuse>>20)
	end := rss()
	debug.FreeOSMemory()
	fmt.Printf("RSS at the end: %d MiB, %d MiB once the collector has returned what it can (at start: %d MiB)\n", end>>20, rss()>>20, start>>20)
}

// hammer runs fn on workers goroutines until d passes or max calls (if
// max > 0) are made, and returns the count, the errors and the latencies.
func hammer(workers int, d time.Duration, max int64, fn func(int) error) (int64, int64, []time.Duration) {
	var count, errs atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				if max > 0 && count.Add(1) > max {
					break
				} else if max == 0 {
					count.Add(1)
				}
				t := time.Now()
				if err := fn(w); err != nil {
					if errs.Add(1) <= 3 {
						fmt.Fprintln(os.Stderr, "load:", err)
					}
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return int64(len(lat)), errs.Load(), lat
}

func pct(lat []time.Duration, p int) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	i := len(lat) * p / 100
	if i >= len(lat) {
		i = len(lat) - 1
	}
	return lat[i].Round(100 * time.Microsecond)
}

func form(i int) url.Values {
	o := brand.Demo()
	v := url.Values{}
	v.Set("name.fr", o.Name.In(brand.FR)+" "+strconv.Itoa(i))
	v.Set("name.nl", o.Name.In(brand.NL)+" "+strconv.Itoa(i))
	v.Set("region", "federal")
	v.Set("address.fr", o.Address.In(brand.FR))
	v.Set("address.nl", o.Address.In(brand.NL))
	v.Set("complaint.form_url.fr", o.Complaint.FormURL.In(brand.FR))
	v.Set("complaint.form_url.nl", o.Complaint.FormURL.In(brand.NL))
	v.Set("complaint.phone", o.Complaint.Phone)
	v.Set("complaint.email", o.Complaint.Email)
	v.Set("second_line", "federal-ombudsman")
	v.Set("poster.lang", "fr,nl")
	v.Set("poster.size", "a4")
	return v
}

func get(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	if res.StatusCode != 200 {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return nil
}

func post(c *http.Client, u string, v url.Values) error {
	res, err := c.Post(u, "application/x-www-form-urlencoded", bytes.NewReader([]byte(v.Encode())))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return fmt.Errorf("POST %s: %s %s", u, res.Status, body)
	}
	return nil
}

// rss returns the process's resident set size in bytes.
func rss() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "load:", err)
	os.Exit(1)
}
