//! Average-linkage agglomerative clustering of sparse unit vectors, cut at a similarity threshold.
//!
//! Why this method: contributions are short, so most pairs share nothing and a few shared
//! content words decide everything. Average linkage (UPGMA) merges two groups only when their
//! members are *on average* similar, which keeps one hub word (say "barn") from chaining
//! unrelated contributions together the way single linkage does, while unlike k-means it needs
//! no number of themes up front and leaves outliers alone.
//!
//! How: cosine similarities of all pairs go into a condensed triangle (n·(n−1)/2 `f32`s, 50 MB
//! for 5,000 items), computed from an inverted index on all cores. The merges come from the
//! nearest-neighbour-chain algorithm, O(n²) time. Average linkage is *reducible*, so the groups
//! that the chain order produces are the same as those of the classic closest-pair-first order,
//! and cutting at a threshold `t` is the same as stopping there. We also stop early for any
//! group whose best neighbour is below `t`: averages of values below `t` stay below `t`, so it can
//! never merge again. Ties go to the lower index, so the result is deterministic.

use super::sets::DisjointSets;

/// A sparse vector: `(term id, weight)` pairs sorted by term id, L2-normalised.
pub(crate) type SparseVec = Vec<(u32, f32)>;

/// Groups of item indices whose average pairwise cosine similarity is at least `threshold`.
/// Every index appears in exactly one group (singletons included); groups are sorted by their
/// first member, members ascending.
pub(crate) fn average_linkage(vectors: &[SparseVec], threshold: f32) -> Vec<Vec<usize>> {
    let n = vectors.len();
    let mut sims = similarities(vectors);
    let pos = |i: usize, j: usize| {
        let (a, b) = if i < j { (i, j) } else { (j, i) };
        a * n - a * (a + 1) / 2 + (b - a - 1)
    };

    let mut alive: Vec<usize> = (0..n).collect();
    let mut size = vec![1f32; n];
    let mut groups = DisjointSets::new(n);
    let mut chain: Vec<usize> = Vec::new();
    while alive.len() > 1 {
        let Some(&a) = chain.last().or(alive.first()) else { break };
        if chain.is_empty() {
            chain.push(a);
        }
        let prev = chain.len().checked_sub(2).map(|i| chain[i]);
        // Best neighbour of `a`; the lowest index wins ties, except that the previous chain
        // element wins a tie so the chain always ends in a reciprocal pair.
        let mut best: Option<(usize, f32)> = None;
        for &k in alive.iter().filter(|&&k| k != a) {
            let s = sims[pos(a, k)];
            if best.is_none_or(|(_, bs)| s > bs) {
                best = Some((k, s));
            }
        }
        let Some((mut b, s)) = best else { break };
        if let Some(p) = prev
            && sims[pos(a, p)] == s
        {
            b = p;
        }
        if s < threshold {
            // Everything on the chain has its best neighbour below the threshold (see module doc).
            alive.retain(|k| !chain.contains(k));
            chain.clear();
            continue;
        }
        if Some(b) != prev {
            chain.push(b);
            continue;
        }
        chain.truncate(chain.len() - 2);
        // Keep the merged group in the lower slot; update its similarity to everyone alive with
        // the Lance–Williams rule for average linkage: a size-weighted mean.
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let (n_lo, n_hi) = (size[lo], size[hi]);
        for &k in alive.iter().filter(|&&k| k != lo && k != hi) {
            let merged = (n_lo * sims[pos(lo, k)] + n_hi * sims[pos(hi, k)]) / (n_lo + n_hi);
            sims[pos(lo, k)] = merged;
        }
        size[lo] = n_lo + n_hi;
        alive.retain(|&k| k != hi);
        groups.union(lo, hi);
    }
    groups.into_sets()
}

/// Cosine similarities of all pairs `i < j`, row by row in a condensed triangle.
fn similarities(vectors: &[SparseVec]) -> Vec<f32> {
    let n = vectors.len();
    let mut postings: Vec<Vec<(u32, f32)>> = Vec::new();
    for (doc, v) in vectors.iter().enumerate() {
        for &(term, w) in v {
            let t = term as usize;
            if postings.len() <= t {
                postings.resize_with(t + 1, Vec::new);
            }
            postings[t].push((doc as u32, w));
        }
    }
    let mut sims = vec![0f32; n * n.saturating_sub(1) / 2];
    // Rows shrink from n−1 to 0 entries, so dealing them out round-robin balances the threads.
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
    let mut buckets: Vec<Vec<(usize, &mut [f32])>> = (0..threads).map(|_| Vec::new()).collect();
    let mut rest: &mut [f32] = &mut sims;
    for i in 0..n {
        let (row, tail) = std::mem::take(&mut rest).split_at_mut(n - i - 1);
        buckets[i % threads].push((i, row));
        rest = tail;
    }
    let postings = &postings;
    std::thread::scope(|scope| {
        for bucket in buckets {
            scope.spawn(move || {
                let mut acc = vec![0f32; n];
                for (i, row) in bucket {
                    for &(term, w) in &vectors[i] {
                        let list = &postings[term as usize];
                        let start = list.partition_point(|&(d, _)| (d as usize) <= i);
                        for &(j, wj) in &list[start..] {
                            acc[j as usize] += w * wj;
                        }
                    }
                    row.copy_from_slice(&acc[i + 1..]);
                    acc[i + 1..].fill(0.0);
                }
            });
        }
    });
    sims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(terms: &[u32]) -> SparseVec {
        let w = 1.0 / (terms.len() as f32).sqrt();
        terms.iter().map(|&t| (t, w)).collect()
    }

    #[test]
    fn similar_vectors_group_and_outliers_stay_alone() {
        let v = vec![unit(&[0, 1]), unit(&[5]), unit(&[0, 1, 2]), unit(&[3, 4]), unit(&[3, 4, 6])];
        assert_eq!(average_linkage(&v, 0.5), vec![vec![0, 2], vec![1], vec![3, 4]]);
    }

    #[test]
    fn a_high_threshold_keeps_everything_apart_and_zero_vectors_are_fine() {
        let v = vec![unit(&[0, 1]), unit(&[0, 2]), Vec::new()];
        assert_eq!(average_linkage(&v, 0.9), vec![vec![0], vec![1], vec![2]]);
        assert_eq!(average_linkage(&v, 0.4), vec![vec![0, 1], vec![2]]);
        assert!(average_linkage(&[], 0.5).is_empty());
    }

    #[test]
    fn average_linkage_does_not_chain_through_a_hub() {
        // 0–1 share a lot (0.67), 1–2 a little (0.24): single linkage at 0.2 would chain all
        // three, but the average of {0,1} to 2 is only 0.12.
        let v = vec![unit(&[0, 1, 2]), unit(&[0, 1, 3]), unit(&[3, 4, 5, 6, 7, 8])];
        let g = average_linkage(&v, 0.2);
        assert_eq!(g, vec![vec![0, 1], vec![2]]);
    }
}
