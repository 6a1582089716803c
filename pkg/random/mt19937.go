// SPDX-License-Identifier: Apache-2.0

package random

// mt19937 es el Mersenne Twister de 32 bits (MT19937) tal como lo usa el
// generador de CPU de PyTorch (at::mt19937): se siembra con los 32 bits bajos
// de la semilla y da la misma secuencia que std::mt19937.
type mt19937 struct {
	state [624]uint32
	next  int
}

const (
	mtN        = 624
	mtM        = 397
	mtMatrixA  = 0x9908b0df
	mtUpperBit = 0x80000000
	mtLower31  = 0x7fffffff
)

// seed inicializa el estado como torch.manual_seed: solo cuentan los 32 bits
// bajos de s.
func (m *mt19937) seed(s uint64) {
	m.state[0] = uint32(s)
	for j := 1; j < mtN; j++ {
		prev := m.state[j-1]
		m.state[j] = 1812433253*(prev^(prev>>30)) + uint32(j)
	}
	m.next = mtN
}

// twist genera los 624 valores siguientes del estado.
func (m *mt19937) twist() {
	for i := 0; i < mtN; i++ {
		y := m.state[i]&mtUpperBit | m.state[(i+1)%mtN]&mtLower31
		v := m.state[(i+mtM)%mtN] ^ y>>1
		if y&1 != 0 {
			v ^= mtMatrixA
		}
		m.state[i] = v
	}
	m.next = 0
}

// uint32 devuelve el siguiente número de 32 bits (el random() de PyTorch).
func (m *mt19937) uint32() uint32 {
	if m.next >= mtN {
		m.twist()
	}
	y := m.state[m.next]
	m.next++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// uint64 une dos números de 32 bits, el primero en la parte alta (el
// random64() de PyTorch).
func (m *mt19937) uint64() uint64 {
	hi := m.uint32()
	lo := m.uint32()
	return uint64(hi)<<32 | uint64(lo)
}
