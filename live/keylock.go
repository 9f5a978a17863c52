package live

import (
	"slices"
	"sync"
)

// keyLocks serialises the writes of this process that touch the same entity or fact, from
// the store call to the end of its publication, so that their events leave in the order
// their transactions committed (Neo4j orders the commits; this keeps the order to the
// bus). Writes to other ids do not wait.
type keyLocks struct {
	mu    sync.Mutex
	locks map[string]*keyLock
}

type keyLock struct {
	sync.Mutex
	users int
}

// lock takes the locks of keys (in sorted order, so that two writes never wait for each
// other) and returns the function that releases them.
func (k *keyLocks) lock(keys ...string) func() {
	keys = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(keys))), func(s string) bool { return s == "" })
	held := make([]*keyLock, 0, len(keys))
	for _, key := range keys {
		k.mu.Lock()
		if k.locks == nil {
			k.locks = map[string]*keyLock{}
		}
		l := k.locks[key]
		if l == nil {
			l = &keyLock{}
			k.locks[key] = l
		}
		l.users++
		k.mu.Unlock()
		l.Lock()
		held = append(held, l)
	}
	return func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		for i, l := range held {
			l.Unlock()
			if l.users--; l.users == 0 {
				delete(k.locks, keys[i])
			}
		}
	}
}
