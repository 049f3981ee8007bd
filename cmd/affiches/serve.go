package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"affiches/internal/server"

	"github.com/spf13/cobra"
)

func newServeCmd(a *app) *cobra.Command {
	var (
		addr       string
		maxRenders int
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web page and the HTTP API",
		Long: `Serve a web page where communication teams fill in their body's details (or load
its profile), see the poster preview update, and download the PDF, the PNG or the
whole kit; and an API for web teams:

  GET  /logos/{complaint|suggestion}/{fr|nl|de|en}/{colour|black|white}/{web-small|web-large}[@2x|@3x].png  (and .svg)
  POST /api/poster?channel=&lang=&size=&format=pdf|png&dpi=   body: a profile (YAML or JSON)
  POST /api/kit                                              body: a profile → the kit as a ZIP
  GET  /healthz

Errors are JSON with the same field paths and rule IDs as the command line.
Outputs carry strong ETags; bodies over 1 MiB get 413; renders are bounded and
wait (or get 503). SIGINT or SIGTERM shuts down gracefully.`,
		Example: `  affiches serve --addr 127.0.0.1:8080
  curl -o logo.png http://127.0.0.1:8080/logos/complaint/fr/colour/web-small@2x.png
  curl --data-binary @organisation.yaml -o affiche.pdf 'http://127.0.0.1:8080/api/poster?lang=fr,nl&size=a4&format=pdf'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if maxRenders < 0 {
				return usagef("--max-renders %d: a number of renders at once, at least 1 (0: as many as CPUs)", maxRenders)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			srv := server.New(server.Options{MaxRenders: maxRenders}).HTTPServer(addr)
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "affiches: serving on http://%s (Ctrl+C to stop)\n", ln.Addr())
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			fmt.Fprintln(a.stderr, "affiches: shutting down")
			shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); err != nil {
				return err
			}
			if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().IntVar(&maxRenders, "max-renders", 0, "renders at once (default: as many as CPUs); the rest wait in turn, then get 503")
	return cmd
}
