// Command load measures affiches serve on loopback. It starts the server
// as a child process of its own (the same binary with -serve) on
// 127.0.0.1, so the CPU time and memory it reports are the server's alone,
// not the load generator's, and stops it at the end; every loop is bounded
// in count and time. Errors are counted, not fatal: the run reports them.
//
// Phases:
//  1. a cached logo and the page (GET /), 50 connections each: request
//     rates, latencies and the server's CPU time per request;
//  2. posters each of a different profile (so none comes from the cache),
//     50 connections: what overload looks like (503s are expected);
//  3. uncached posters with 8 clients, each request a different profile:
//     the page's live preview (PNG, 600 pixels wide: 72 dpi at A4) and the
//     A4 PDF of POST /api/poster;
//  4. memory over 10 000 requests, logos and previews mixed.
//
// The machine's load average is printed at the start and at the end:
// other work on the same cores shows in every latency.
//
//	go run ./bench/load
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
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

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// 100 on every Linux this runs on).
const clockTick = 10 * time.Millisecond

func main() {
	serve := flag.Bool("serve", false, "run the server only: print its address, free memory on \"free\", stop at the end of standard input")
	renders := flag.Int("renders", 0, "the server's render slots (server.Options.MaxRenders); 0 for its default")
	only := flag.String("only", "", "run only the phases whose names contain this")
	flag.Parse()
	if *serve {
		serveChild(*renders)
		return
	}
	s, err := startServer(*renders)
	if err != nil {
		fail(err)
	}
	defer s.stop()
	base := "http://" + s.addr
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 30 * time.Second}

	fmt.Printf("machine: %d CPUs, %s; load average %s\n", runtime.NumCPU(), runtime.Version(), loadavg())

	logo := base + "/logos/complaint/fr/colour/web-small@2x.png"
	for _, u := range []string{logo, base + "/"} { // warm the caches
		if err := get(client, u); err != nil {
			fail(err)
		}
	}
	start := s.rss()
	fmt.Printf("server RSS at start (one logo and the page served): %d MiB\n", start>>20)

	var counter atomic.Int64
	preview := func(int) error {
		return post(client, base+"/form/poster", "application/x-www-form-urlencoded", []byte(form(int(counter.Add(1))).Encode()))
	}
	pdf := func(int) error {
		return post(client, base+"/api/poster?format=pdf&size=a4&lang=fr,nl", "application/yaml", profile(int(counter.Add(1))))
	}
	for _, ph := range []struct {
		name    string
		clients int
		d       time.Duration
		max     int64
		fn      func(int) error
	}{
		{"cached logo (web-small@2x.png)", 50, 5 * time.Second, 0, func(int) error { return get(client, logo) }},
		{"page (GET /)", 50, 5 * time.Second, 0, func(int) error { return get(client, base+"/") }},
		{"unique poster previews (overload)", 50, 15 * time.Second, 0, preview},
		{"poster preview (PNG, A4 fr+nl, uncached)", 8, 60 * time.Second, 240, preview},
		{"poster PDF (POST /api/poster, A4 fr+nl, uncached)", 8, 60 * time.Second, 1000, pdf},
	} {
		if strings.Contains(ph.name, *only) {
			s.report(ph.name, ph.clients, ph.d, ph.max, ph.fn)
		}
	}
	if *only != "" {
		fmt.Printf("load average at the end: %s\n", loadavg())
		return
	}

	// Memory over 10 000 requests: logos and previews mixed.
	rss0 := s.rss()
	for i := 0; i < 10000; i++ {
		var err error
		switch i % 10 {
		case 0:
			err = post(client, base+"/form/poster", "application/x-www-form-urlencoded", []byte(form(i%300).Encode()))
		default:
			err = get(client, fmt.Sprintf("%s/logos/%s/%s/%s/web-%s.png", base,
				[]string{"complaint", "suggestion"}[i%2], []string{"fr", "nl", "de", "en"}[i%4], []string{"colour", "black", "white"}[i%3], []string{"small", "large"}[i/7%2]))
		}
		if err != nil {
			fail(err)
		}
		if i == 999 {
			rss0 = s.rss()
		}
	}
	end := s.rss()
	fmt.Printf("memory: server RSS %d MiB after 1 000 requests, %d MiB after 10 000\n", rss0>>20, end>>20)
	s.free()
	fmt.Printf("server RSS at the end: %d MiB, %d MiB once the collector has returned what it can (at start: %d MiB)\n", end>>20, s.rss()>>20, start>>20)
	fmt.Printf("load average at the end: %s\n", loadavg())
}

// report runs one phase and prints its rate, errors, latencies, the
// server's CPU time per request and its memory before and after.
func (s *child) report(name string, clients int, d time.Duration, max int64, fn func(int) error) {
	rss0, cpu0, t0 := s.rss(), s.cpu(), time.Now()
	n, errs, lat := hammer(clients, d, max, fn)
	el, cpu := time.Since(t0), s.cpu()-cpu0
	perReq := time.Duration(0)
	if n > 0 {
		perReq = cpu / time.Duration(n)
	}
	fmt.Printf("%s, %d clients: %d requests in %.1fs = %.0f req/s, %d errors; p50 %v, p95 %v, max %v; server CPU %v = %v/request; RSS %d → %d MiB\n",
		name, clients, n, el.Seconds(), float64(n)/el.Seconds(), errs, pct(lat, 50), pct(lat, 95), pct(lat, 100),
		cpu.Round(clockTick), perReq.Round(time.Microsecond), rss0>>20, s.rss()>>20)
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

// form is the page's form for a profile of its own, numbered i.
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
	v.Set("second_line.id", "federal-ombudsman")
	v.Set("poster.lang", "fr,nl")
	v.Set("poster.size", "a4")
	return v
}

// profile is the example profile file with a name of its own, numbered i.
func profile(i int) []byte {
	o := brand.Demo()
	n := " " + strconv.Itoa(i)
	return []byte(strings.NewReplacer(
		"fr: "+o.Name.In(brand.FR), "fr: "+o.Name.In(brand.FR)+n,
		"nl: "+o.Name.In(brand.NL), "nl: "+o.Name.In(brand.NL)+n,
	).Replace(string(brand.ExampleYAML)))
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

func post(c *http.Client, u, contentType string, body []byte) error {
	res, err := c.Post(u, contentType, bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		if len(data) > 300 {
			data = data[:300]
		}
		return fmt.Errorf("POST %s: %s %s", u, res.Status, data)
	}
	return nil
}

// child is the server process.
type child struct {
	cmd   *exec.Cmd
	addr  string
	in    io.WriteCloser
	lines *bufio.Scanner
}

func startServer(renders int) (*child, error) {
	cmd := exec.Command(os.Args[0], "-serve", "-renders", strconv.Itoa(renders))
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, in: in, lines: bufio.NewScanner(out)}
	if !c.lines.Scan() {
		c.stop()
		return nil, fmt.Errorf("the server did not start")
	}
	c.addr = c.lines.Text()
	return c, nil
}

// stop closes the server's standard input, which ends it.
func (c *child) stop() {
	c.in.Close()
	c.cmd.Wait()
}

// free asks the server to return what memory it can to the system.
func (c *child) free() {
	fmt.Fprintln(c.in, "free")
	c.lines.Scan()
}

// cpu returns the server's user and system CPU time so far.
func (c *child) cpu() time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The fields after the command's name, which is in parentheses:
	// utime and stime are the 12th and 13th.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+s) * clockTick
}

// rss returns the server's resident set size in bytes.
func (c *child) rss() uint64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
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

// serveChild is the server side: it serves on 127.0.0.1 until its
// standard input ends.
func serveChild(renders int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	srv := server.New(server.Options{MaxRenders: renders}).HTTPServer(ln.Addr().String())
	go srv.Serve(ln)
	fmt.Println(ln.Addr().String())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() == "free" {
			debug.FreeOSMemory()
			fmt.Println("ok")
		}
	}
	srv.Close()
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "load:", err)
	os.Exit(1)
}
