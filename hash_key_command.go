package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/diplograph/diplograph/auth"
	"golang.org/x/term"
)

// hashKey is `diplograph hash-key`: it reads a key from standard input and prints the
// SHA-256 to configure, or with -generate makes a random key and prints both. Typed at a
// terminal, the key is not echoed.
func hashKey(stdin io.Reader, stdout, stderr io.Writer, generate bool) error {
	if generate {
		key, err := auth.NewKey()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "key:  %s\nhash: %s\n", key, auth.HashKey(key))
		return nil
	}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "API key (not echoed): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return fmt.Errorf("hash-key: %w", err)
		}
		stdin = strings.NewReader(string(b))
	}
	key, err := auth.ReadKey(stdin)
	if err != nil {
		return fmt.Errorf("hash-key: %w", err)
	}
	fmt.Fprintln(stdout, auth.HashKey(key))
	return nil
}
