package server

import (
	"container/list"
	"sync"
)

// lru is a small least-recently-used cache of rendered assets, bounded by
// count and by bytes: memory stays bounded however many requests arrive and
// whatever they ask (256 A3 PNGs at 300 dpi held 1.35 GB when it was bounded
// by count only).
type lru struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List // of *entry, most recent first
	items    map[string]*list.Element
}

type entry struct {
	key string
	a   *asset
}

func newLRU(max, maxBytes int) *lru {
	return &lru{max: max, maxBytes: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

func (c *lru) get(key string) (*asset, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*entry).a, true
	}
	return nil, false
}

// put keeps a; an asset over a quarter of the byte budget is served but
// not kept, so one large output cannot empty the cache of the small ones.
func (c *lru) put(key string, a *asset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	if len(a.data) > c.maxBytes/4 {
		return
	}
	c.items[key] = c.order.PushFront(&entry{key, a})
	c.bytes += len(a.data)
	for c.order.Len() > c.max || c.bytes > c.maxBytes {
		last := c.order.Back()
		c.order.Remove(last)
		e := last.Value.(*entry)
		delete(c.items, e.key)
		c.bytes -= len(e.a.data)
	}
}

// size returns the number of assets kept and their bytes.
func (c *lru) size() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.bytes
}
