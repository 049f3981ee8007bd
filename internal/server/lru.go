package server

import (
	"container/list"
	"sync"
)

// lru is a small least-recently-used cache of rendered assets: memory stays
// bounded however many requests arrive.
type lru struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *entry, most recent first
	items map[string]*list.Element
}

type entry struct {
	key string
	a   *asset
}

func newLRU(max int) *lru {
	return &lru{max: max, order: list.New(), items: map[string]*list.Element{}}
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

func (c *lru) put(key string, a *asset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&entry{key, a})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*entry).key)
	}
}
