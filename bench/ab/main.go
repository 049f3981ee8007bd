// Command ab times two or more commands side by side, for comparing two
// builds of affiches on a machine whose speed moves from one minute to the
// next. Each round runs every command once, in a new random order, so that
// the host's drift falls on all of them alike; the difference of each
// command with the first is taken round by round, and its median comes with
// a 95 % interval (bootstrap over the rounds). Output and errors of the
// commands are discarded; a command that fails stops the run.
//
//	go run ./bench/ab [-n 400] -- /tmp/old poster -o /tmp/a.pdf --force -- /tmp/new poster -o /tmp/b.pdf --force
//
// A command may start with NAME=VALUE words, set in its environment only:
//
//	go run ./bench/ab -- /tmp/affiches --help -- NO_COLOR=1 /tmp/affiches --help
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("n", 400, "rounds: each command runs once a round")
	warm := flag.Int("warm", 5, "untimed rounds first")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/ab [-n N] [-warm N] -- COMMAND... -- COMMAND... [-- COMMAND...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	cmds := split(flag.Args())
	if len(cmds) < 2 || *rounds < 10 {
		flag.Usage()
		os.Exit(2)
	}
	for range *warm {
		for _, c := range cmds {
			c.run()
		}
	}
	times := make([][]time.Duration, len(cmds))
	order := make([]int, len(cmds))
	for i := range order {
		order[i] = i
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range *rounds {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			times[i] = append(times[i], cmds[i].run())
		}
	}
	for i, c := range cmds {
		t := slices.Sorted(slices.Values(times[i]))
		fmt.Printf("%-70s median %s  (p25 %s, p75 %s)\n", c.String(), ms(t[len(t)/2]), ms(t[len(t)/4]), ms(t[3*len(t)/4]))
	}
	for i := 1; i < len(cmds); i++ {
		d := make([]time.Duration, *rounds)
		for k := range d {
			d[k] = times[i][k] - times[0][k]
		}
		lo, mid, hi := medianInterval(d, r)
		fmt.Printf("command %d - command 1: median %s a run (95 %% interval %s .. %s)\n", i+1, ms(mid), ms(lo), ms(hi))
	}
}

type command struct {
	env  []string
	args []string
}

// split cuts the arguments at each "--" into commands.
func split(args []string) []command {
	var cmds []command
	for _, part := range strings.Split(strings.Join(args, "\x00"), "\x00--\x00") {
		words := strings.Split(strings.TrimPrefix(part, "--\x00"), "\x00")
		var c command
		for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "/") {
			c.env = append(c.env, words[0])
			words = words[1:]
		}
		if len(words) == 0 || words[0] == "" {
			continue
		}
		c.args = words
		cmds = append(cmds, c)
	}
	return cmds
}

func (c command) String() string { return strings.Join(append(slices.Clone(c.env), c.args...), " ") }

// run runs c once and returns its wall time, from start to exit.
func (c command) run() time.Duration {
	cmd := exec.Command(c.args[0], c.args[1:]...)
	cmd.Env = append(os.Environ(), c.env...)
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ab: %s: %v\n", c, err)
		os.Exit(1)
	}
	return d
}

// medianInterval returns the median of d and a 95 % interval for it,
// from 1 000 resamples.
func medianInterval(d []time.Duration, r *rand.Rand) (lo, mid, hi time.Duration) {
	median := func(s []time.Duration) time.Duration {
		s = slices.Sorted(slices.Values(s))
		return s[len(s)/2]
	}
	meds := make([]time.Duration, 1000)
	sample := make([]time.Duration, len(d))
	for i := range meds {
		for k := range sample {
			sample[k] = d[r.IntN(len(d))]
		}
		meds[i] = median(sample)
	}
	slices.Sort(meds)
	return meds[25], median(d), meds[974]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
