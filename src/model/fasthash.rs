//! A fast, non-cryptographic hasher for the model's integer keys ((region, indicator, year,
//! kind) and the like). std's SipHash resists hash flooding, which buys nothing for keys
//! made of small integers from the user's own files, and costs a third of a lookup.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap<K, V, FastHash>`: std's map with [`FastHasher`].
pub type FastHash = BuildHasherDefault<FastHasher>;

/// Multiply-add per word (as rustc's FxHash) with a final avalanche (murmur3's fmix64), so
/// every input bit reaches the low bits the table indexes by and the high bits it tags with.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = self.0.wrapping_add(word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::hash::{BuildHasher, Hash};

    use super::*;

    fn hash<T: Hash>(value: &T) -> u64 {
        FastHash::default().hash_one(value)
    }

    #[test]
    fn integer_keys_spread_over_low_and_high_bits() {
        let mut low = HashSet::new();
        let mut high = HashSet::new();
        for r in 0..64u32 {
            for y in 2000..2016i32 {
                let h = hash(&(r, 3u32, y));
                low.insert(h & 0x3ff);
                high.insert(h >> 57);
            }
        }
        // 1,024 keys: most of the 1,024 low-bit buckets and all 128 tags are used.
        assert!(low.len() > 550, "{}", low.len());
        assert_eq!(high.len(), 128);
        assert_ne!(hash(&(1u32, 2u32)), hash(&(2u32, 1u32)));
        assert_ne!(hash(&"ab"), hash(&"ba"));
    }
}
