package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"affiches/internal/brand"
	"affiches/internal/casefile"
	"affiches/internal/limits"
	"affiches/internal/render"

	"github.com/spf13/cobra"
)

func newCasefileCmd(a *app) *cobra.Command {
	var (
		lang, kind, casePath, format, date, out string
		year                                    int
		force                                   bool
	)
	cmd := &cobra.Command{
		Use:   "casefile",
		Short: "Write complaint-file templates: registration form, letters, register",
		Long: `Write the complaint coordinator's documents, in fr, nl, de or en:

  registration          the registration record, a form to fill in by hand (pdf, docx)
  acknowledgement       acknowledgement of receipt, with the reply deadline (pdf, docx)
  information-request   what is missing, by when (pdf, docx)
  inadmissible          the reason, where it was forwarded, the second line (pdf, docx)
  reply                 findings, reasoned assessment, action, the second line (pdf, docx)
  register              the register with drop-down lists and the yearly indicators (xlsx)

Without --case a letter is a blank template whose fields to fill in are marked;
with --case FILE (YAML) it is filled in, and a field the letter needs but the
case lacks is an error naming it. Deadlines skip weekends, Belgian public
holidays and the body's closure days (closure_days in the profile). The letter's date is the case's date, else --date, else
SOURCE_DATE_EPOCH, else today.

A case file:
  reference: PL-2026-0042
  received: 2026-11-20
  channel: form
  complainant:
    name: Jeanne Dupuis
    address: "Avenue des Arts 12, 1040 Etterbeek"
    email: j@example.net
    title: ms                    # optional: ms | mr, for "Madame," / "Sehr geehrte Frau Weiß,"
    family_name: Dupuis          # with a title, except in French
    salutation: …                # optional: a greeting of your own, used as written
  subject: le retard dans le traitement de ma demande   # a phrase that can follow a colon
  description: …
  outcome: partly-founded        # replies: founded | partly-founded | unfounded | no-assessment
  findings: …                    # replies
  action: …                      # replies, when (partly) founded
  missing: …                     # information requests; within_days: 15
  reason: …                      # inadmissible; forwarded_to: …
  date: 2026-11-27               # optional: the letter's date`,
		Example: `  affiches casefile --org organisation.yaml --lang fr --kind registration --format pdf -o fiche.pdf
  affiches casefile --org organisation.yaml --lang de --kind acknowledgement --case case.yaml --format pdf -o bestaetigung.pdf
  affiches casefile --org organisation.yaml --lang nl --kind reply --case case.yaml --format docx -o antwoord.docx
  affiches casefile --org organisation.yaml --lang fr --kind register --format xlsx -o registre.xlsx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oneShot(cmd)
			k, err := casefile.ParseKind(kind)
			if err != nil {
				return usagef("--kind: %v", err)
			}
			ls, err := brand.ParseLangs(lang)
			if err != nil || len(ls) != 1 {
				return usagef("--lang %q: one of fr, nl, de, en", lang)
			}
			if format == "" {
				format = extOf(out)
			}
			switch {
			case k == casefile.Register && format != "xlsx":
				return usagef("the register is a spreadsheet: --format xlsx")
			case k != casefile.Register && format != "pdf" && format != "docx":
				return usagef("--format %q: pdf or docx for letters and forms", format)
			}
			when, err := letterDate(date)
			if err != nil {
				return err
			}
			o, err := a.org()
			if err != nil {
				return err
			}
			if k == casefile.Register {
				if year == 0 {
					year = when.Year()
				}
				return a.writeOutput(out, force, func(w io.Writer) error { return casefile.WriteRegister(w, o, ls[0], year) })
			}
			opt := casefile.Options{Lang: ls[0], Date: when}
			if casePath != "" {
				data, err := readLimited(casePath, limits.ProfileBytes, "a case")
				if err != nil {
					return fmt.Errorf("--case: %w", err)
				}
				if opt.Case, err = casefile.ParseCase(data); err != nil {
					return fmt.Errorf("%s: %w", casePath, err)
				}
			}
			d, err := casefile.Build(o, k, opt)
			if err != nil {
				return err
			}
			return a.writeOutput(out, force, func(w io.Writer) error {
				if format == "docx" {
					return render.LetterDOCX(w, d)
				}
				_, err := render.Letter(w, d)
				return err
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&lang, "lang", "fr", "fr, nl, de or en")
	fl.StringVar(&kind, "kind", "", "registration, acknowledgement, information-request, inadmissible, reply or register")
	fl.StringVar(&casePath, "case", "", "the case (YAML) to fill the letter with; a blank template without it")
	fl.StringVar(&format, "format", "", "pdf or docx (letters, form), xlsx (register); default: from the output's extension")
	fl.StringVar(&date, "date", "", "the letter's date, 2026-11-27 (default: SOURCE_DATE_EPOCH, else today)")
	fl.IntVar(&year, "year", 0, "the register's indicator year (default: the date's year)")
	fl.StringVarP(&out, "output", "o", "", "output file, or - for standard output")
	fl.BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

func extOf(path string) string { return strings.TrimPrefix(filepath.Ext(path), ".") }

// letterDate is --date, else SOURCE_DATE_EPOCH (reproducible builds), else
// today: the clock is read here, never in the library.
func letterDate(flag string) (time.Time, error) {
	if flag != "" {
		t, err := time.Parse("2006-01-02", flag)
		if err != nil {
			return time.Time{}, usagef("--date %q: write it as 2026-11-27", flag)
		}
		return t, nil
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: not a number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	now := time.Now()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), nil
}

func newIndicatorsCmd(a *app) *cobra.Command {
	var (
		register, lang, out string
		year                int
		force               bool
	)
	cmd := &cobra.Command{
		Use:   "indicators",
		Short: "Read a filled register and report the yearly indicators",
		Long: `Read a register made by 'affiches casefile --kind register' and filled in (the
workbook, or its register sheet saved as CSV by Excel or LibreOffice), and report
the year's indicators as BOSA counts them: complaints received (by channel),
information requests, suggestions and compliments, admissible, well-founded
(by BOSA's subject categories), in progress, average processing days, share
answered within the deadline, improvement actions, referred to the second line.
The year is the register's own (its indicators sheet) unless --year says
otherwise. The table goes to standard output; -o writes it as CSV for Excel in
Belgium (semicolons, decimal comma) (.csv) or as a one-page PDF with a bar
chart (.pdf). Rows that cannot be read are reported with their
row numbers (exit status 1), and the others are counted.`,
		Example: `  affiches indicators --register registre.xlsx
  affiches indicators --register registre.csv --year 2026
  affiches indicators --register registre.xlsx --year 2026 -o indicateurs.pdf
  affiches indicators --register registre.xlsx --year 2026 -o indicateurs.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if register == "" {
				return usagef("--register FILE.xlsx (or the register sheet saved as .csv) is required")
			}
			f, err := os.Open(register)
			if err != nil {
				return fmt.Errorf("--register: %w", err)
			}
			defer f.Close()
			fl, err := casefile.ReadRegister(f)
			if err != nil {
				return fmt.Errorf("%s: %w", register, err)
			}
			l, problems := fl.Lang, fl.Problems
			if year == 0 {
				if year = fl.Year; year == 0 {
					return usagef("%s has no case with a date of receipt: give the year with --year 2026", register)
				}
			}
			if lang != "" {
				ls, err := brand.ParseLangs(lang)
				if err != nil || len(ls) != 1 {
					return usagef("--lang %q: one of fr, nl, de, en", lang)
				}
				l = ls[0]
			}
			o, err := a.orgQuiet()
			if err != nil {
				return err
			}
			in := casefile.Compute(fl.Entries, year, o)
			in.WriteTable(a.stdout, l)
			if out != "" {
				err := a.writeOutput(out, force, func(w io.Writer) error {
					switch extOf(out) {
					case "csv":
						return in.WriteCSV(w, l)
					case "pdf":
						_, err := render.IndicatorsReport(w, o, l, in)
						return err
					}
					return usagef("-o %q: .csv or .pdf", out)
				})
				if err != nil {
					return err
				}
			}
			if len(problems) > 0 {
				return errors.New(casefile.Report(register+": ", problems))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&register, "register", "", "the filled register (XLSX, or its register sheet saved as CSV)")
	fl.IntVar(&year, "year", 0, "the year to report (default: the register's own, in its indicators sheet, else the latest year a case was received)")
	fl.StringVar(&lang, "lang", "", "language of the report (default: the register's)")
	fl.StringVarP(&out, "output", "o", "", "also write the indicators as .csv or .pdf")
	fl.BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}
