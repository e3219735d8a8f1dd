//! Union-find over indices, with path halving. The lower index of two joined sets becomes the
//! root, so the same joins always give the same sets in the same order.

pub(super) struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    pub(super) fn new(n: usize) -> Self {
        DisjointSets { parent: (0..n).collect() }
    }

    /// The root of `i`'s set: its lowest index.
    pub(super) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Every set, each in index order, the sets by their lowest index.
    pub(super) fn into_sets(mut self) -> Vec<Vec<usize>> {
        let n = self.parent.len();
        let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); n];
        for i in 0..n {
            let r = self.find(i);
            by_root[r].push(i);
        }
        by_root.into_iter().filter(|g| !g.is_empty()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_indices_share_the_lowest_root() {
        let mut s = DisjointSets::new(5);
        s.union(3, 1);
        s.union(4, 3);
        assert_eq!(s.find(4), 1);
        assert_eq!(s.into_sets(), vec![vec![0], vec![1, 3, 4], vec![2]]);
    }
}
