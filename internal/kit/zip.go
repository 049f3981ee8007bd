package kit

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"affiches/internal/output"
)

// zipTime is the fixed modification time of every entry, so the same kit
// gives the same ZIP bytes (1980-01-01, the earliest a ZIP can hold).
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip writes files as a ZIP archive, in their order, deterministically.
// Names are plain slash-separated paths inside the archive: one that is
// not (absolute, with .., a backslash) is refused rather than written.
func Zip(w io.Writer, files []output.File) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		if !fs.ValidPath(f.Name) || strings.Contains(f.Name, "\\") {
			return fmt.Errorf("%q: not a plain path for a ZIP", f.Name)
		}
		method := zip.Deflate
		switch {
		case len(f.Name) > 4 && (f.Name[len(f.Name)-4:] == ".png" || f.Name[len(f.Name)-4:] == ".pdf"):
			method = zip.Store // already compressed
		}
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := hw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}
