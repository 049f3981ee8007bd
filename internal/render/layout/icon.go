package layout

import (
	"fmt"
	"image/color"
	"sync"

	"affiches/internal/render/page"
	"affiches/internal/vector"
)

var icons sync.Map // name → *vector.Source

// icon returns the named icon of assets/icons as art of side size at x, y,
// in colour c.
func icon(name string, x, y, size float64, c color.RGBA) (page.Art, error) {
	v, ok := icons.Load(name)
	if !ok {
		src, err := vector.Shipped("icons/" + name + ".svg")
		if err != nil {
			return page.Art{}, err
		}
		v, _ = icons.LoadOrStore(name, src)
	}
	src := v.(*vector.Source)
	paths := make([]page.Path, len(src.Paths))
	copy(paths, src.Paths)
	for i := range paths {
		paths[i].Fill = c
	}
	return page.Art{
		Name:  fmt.Sprintf("icon-%s-#%02X%02X%02X", name, c.R, c.G, c.B),
		Box:   page.Rect{X: x, Y: y, W: size, H: size * src.View.Y / src.View.X},
		View:  src.View,
		Paths: paths,
	}, nil
}
