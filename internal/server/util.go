package server

import (
	"encoding/base64"
	"errors"

	"affiches/internal/brand"
)

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func asProblems(err error, ps *brand.Problems) bool { return errors.As(err, ps) }
