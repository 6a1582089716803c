package diagram

import (
	"strconv"
	"strings"
)

// listY une palabras como en español: "a", "a y b", "a, b y c".
func listY(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " y " + items[len(items)-1]
}

// count escribe una cantidad con la palabra en singular o plural: "1 capa",
// "3 capas".
func count(k int, singular, plural string) string {
	if k == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(k) + " " + plural
}

// numbers escribe una lista de números ("96, 256 y 384"); si son muchos,
// solo el menor y el mayor ("entre 2 y 1024"). Si todos son iguales, uno solo.
func numbers(vals []int) string {
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo == hi {
		return strconv.Itoa(lo)
	}
	if len(vals) > 6 {
		return "entre " + strconv.Itoa(lo) + " y " + strconv.Itoa(hi)
	}
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = strconv.Itoa(v)
	}
	return listY(parts)
}
