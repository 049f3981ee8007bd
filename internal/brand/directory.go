package brand

import (
	"sort"
	"sync"
)

// The directory is edited in templates/secondline.yaml; directory_gen.go
// holds it as Go data, so that a command reads no YAML for it when it
// starts (issue 18: decoding it was a twentieth of a cold poster). After
// editing the YAML, run
//
//	go test ./internal/brand -run TestDirectoryGenerated -update
//
// TestDirectoryGenerated fails while the two disagree, or when the YAML
// has a problem.
var directory = sync.OnceValue(shippedDirectory)

// Directory returns the shipped second-line bodies by id.
func Directory() map[string]SecondLine { return directory() }

// DirectoryIDs returns the ids of the shipped second-line bodies, sorted.
func DirectoryIDs() []string {
	var ids []string
	for id := range directory() {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
