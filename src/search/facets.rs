//! Disjunctive facet counting in the pass that collects the page of hits. The
//! pass only notes which documents match; the counts are made afterwards, per
//! segment, whichever of two ways costs less: for a few matches, each match's
//! values are read from the fast fields (ordinal counting); for many, the match set
//! is intersected with a set of documents per facet value, built once per segment
//! when a searcher is warmed ([`FacetSets`]), so the cost no longer grows with the
//! number of matches. Both give the same counts.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use fixedbitset::FixedBitSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Score, Searcher, SearcherGeneration, SegmentReader, Warmer};

use super::{FACET_LIMIT, FacetValue, Facets, SearchRequest};
use crate::schema::Facet;

/// What one pass over a query's matches yields.
pub(super) struct MainPass {
    pub total: u64,
    pub addresses: Vec<(Option<f32>, DocAddress)>,
    pub facets: Facets,
}

/// How facet counts are made. Every way gives the same counts; the choice is
/// only about time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FacetCounting {
    /// Per segment, whichever of the two costs less for its number of matches.
    #[default]
    Auto,
    /// Always read each match's values (for tests and benchmarks).
    Ordinals,
    /// Always intersect the match set with the value sets (for tests and benchmarks).
    Sets,
}

/// The dimensions counted: the string facets in [`Facet::ALL`] order, then the year.
const DIMS: usize = Facet::ALL.len() + 1;
/// Index of the year among the dimensions.
const YEAR: usize = Facet::ALL.len();

/// Estimated cost, in the time of one 64-bit word of a bitset intersection, of
/// reading one match's value of one dimension from the fast fields (an optional
/// index's rank and a bit-packed lookup). An estimate, not a tuned figure: on the
/// 100k benchmark corpus, in process, the main pass over the 500 benchmark queries
/// took about the same with `Auto` and `Sets` and about 40 % longer with
/// `Ordinals` (two runs each, on a machine whose speed varied by 20 %).
const ORDINAL_READ_COST: usize = 40;
/// Cost of testing one document of a sparse value list against the match set.
const SPARSE_TEST_COST: usize = 2;

/// The documents holding one value in one segment: a bitset when the value is
/// common, the sorted ids when it is rare (a bitset costs max_doc / 8 bytes, a
/// list 4 bytes per document).
enum ValueDocs {
    Dense(FixedBitSet),
    Sparse(Vec<DocId>),
}

impl ValueDocs {
    fn new(docs: Vec<DocId>, max_doc: usize) -> ValueDocs {
        if docs.len() * 32 > max_doc {
            let mut set = FixedBitSet::with_capacity(max_doc);
            set.extend(docs.iter().map(|d| *d as usize));
            ValueDocs::Dense(set)
        } else {
            ValueDocs::Sparse(docs)
        }
    }

    /// How many of `base`'s documents hold the value.
    fn count_in(&self, base: &FixedBitSet) -> u64 {
        match self {
            ValueDocs::Dense(set) => and_count(base.as_slice(), set.as_slice()),
            ValueDocs::Sparse(docs) => {
                docs.iter().filter(|d| base.contains(**d as usize)).count() as u64
            }
        }
    }

    fn cost(&self) -> usize {
        match self {
            ValueDocs::Dense(set) => set.as_slice().len(),
            ValueDocs::Sparse(docs) => docs.len() * SPARSE_TEST_COST,
        }
    }

    fn add_to(&self, set: &mut FixedBitSet) {
        match self {
            ValueDocs::Dense(docs) => set.union_with(docs),
            ValueDocs::Sparse(docs) => set.extend(docs.iter().map(|d| *d as usize)),
        }
    }
}

/// Bits set in both `a` and `b`: a match set intersected with one value's
/// documents. Counting facets runs it for every value of every dimension, and the
/// portable bit count (what `FixedBitSet::intersection_count` compiles to for a
/// generic x86-64) was a twentieth of a search; the CPU's own vector or popcount
/// instructions, when it has them (checked at run time), count the same bits
/// several times faster.
fn and_count(a: &[usize], b: &[usize]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked above).
            return unsafe { and_count_avx2(a, b) };
        }
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has POPCNT (checked above).
            return unsafe { and_count_popcnt(a, b) };
        }
    }
    and_count_portable(a, b)
}

#[inline(always)]
fn and_count_portable(a: &[usize], b: &[usize]) -> u64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| u64::from((x & y).count_ones()))
        .sum()
}

/// The same loop compiled for AVX2, which the compiler vectorises into a
/// table-lookup bit count.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn and_count_avx2(a: &[usize], b: &[usize]) -> u64 {
    and_count_portable(a, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn and_count_popcnt(a: &[usize], b: &[usize]) -> u64 {
    and_count_portable(a, b)
}

/// One dimension of one segment: its values (by segment ordinal) and their
/// documents.
struct Dimension {
    /// Value names by ordinal; for the year, the year as text.
    names: Vec<String>,
    docs: Vec<ValueDocs>,
}

/// One segment's facet values and the fast-field columns for ordinal counting.
struct SegmentSets {
    max_doc: usize,
    dims: Vec<Dimension>,
    columns: Vec<Option<StrColumn>>,
    year: Column<u64>,
    /// Years in ordinal order (the year dimension's names as numbers).
    years: Vec<u64>,
    /// Cost of one full set intersection over every value of every dimension.
    sets_cost: usize,
}

impl SegmentSets {
    fn build(segment: &SegmentReader) -> tantivy::Result<SegmentSets> {
        let max_doc = segment.max_doc() as usize;
        let ff = segment.fast_fields();
        let mut dims = Vec::with_capacity(DIMS);
        let mut columns = Vec::with_capacity(Facet::ALL.len());
        for facet in Facet::ALL {
            let column = ff.str(facet.name())?;
            let mut names = Vec::new();
            let mut lists: Vec<Vec<DocId>> = Vec::new();
            if let Some(col) = &column {
                let ords: Vec<u64> = (0..col.num_terms() as u64).collect();
                col.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                    names.push(String::from_utf8_lossy(term).into_owned());
                })?;
                lists = vec![Vec::new(); names.len()];
                for doc in 0..max_doc as DocId {
                    for o in col.term_ords(doc) {
                        lists[o as usize].push(doc);
                    }
                }
            }
            dims.push(Dimension {
                names,
                docs: lists
                    .into_iter()
                    .map(|l| ValueDocs::new(l, max_doc))
                    .collect(),
            });
            columns.push(column);
        }
        let year: Column<u64> = ff.u64("year")?;
        let mut by_year: BTreeMap<u64, Vec<DocId>> = BTreeMap::new();
        for doc in 0..max_doc as DocId {
            if let Some(y) = year.first(doc) {
                by_year.entry(y).or_default().push(doc);
            }
        }
        let years: Vec<u64> = by_year.keys().copied().collect();
        dims.push(Dimension {
            names: years.iter().map(u64::to_string).collect(),
            docs: by_year
                .into_values()
                .map(|l| ValueDocs::new(l, max_doc))
                .collect(),
        });
        let sets_cost = dims
            .iter()
            .flat_map(|d| d.docs.iter().map(ValueDocs::cost))
            .sum();
        Ok(SegmentSets {
            max_doc,
            dims,
            columns,
            year,
            years,
            sets_cost,
        })
    }

    /// The ordinals of `doc`'s values in dimension `dim`.
    fn ordinals(&self, dim: usize, doc: DocId, out: &mut Vec<usize>) {
        out.clear();
        if dim == YEAR {
            if let Some(y) = self.year.first(doc)
                && let Ok(o) = self.years.binary_search(&y)
            {
                out.push(o);
            }
        } else if let Some(col) = &self.columns[dim] {
            out.extend(col.term_ords(doc).map(|o| o as usize));
        }
    }

    /// The documents passing a filter on dimension `dim`: those holding one of
    /// the values whose ordinals are `ords`.
    fn filter_set(&self, dim: usize, ords: &[usize]) -> FixedBitSet {
        let mut set = FixedBitSet::with_capacity(self.max_doc);
        for &o in ords {
            self.dims[dim].docs[o].add_to(&mut set);
        }
        set
    }
}

/// The facet value sets of every segment of the live searchers. A
/// [`tantivy::Warmer`]: the reader builds a new segment's sets before its searcher
/// serves, and drops those of segments no searcher holds any more.
#[derive(Default)]
pub struct FacetSets {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentSets>>>,
}

impl FacetSets {
    /// The sets of one segment, built now if the warmer has not (a searcher
    /// taken between a commit and its warming).
    fn of(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentSets>> {
        let id = segment.segment_id();
        if let Some(found) = self.segments.read().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(found);
        }
        let built = Arc::new(SegmentSets::build(segment)?);
        if let Ok(mut m) = self.segments.write() {
            m.insert(id, built.clone());
        }
        Ok(built)
    }
}

impl Warmer for FacetSets {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            self.of(segment)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        if let Ok(mut m) = self.segments.write() {
            m.retain(|id, _| live.iter().any(|g| g.segments().contains_key(id)));
        }
    }
}

/// Counts facet values disjunctively over the documents that match the text
/// query: a document counts for facet F when it passes every *other* facet's
/// filter (and the year range), whether or not it passes F's own.
///
/// It also feeds the documents that pass *every* filter to a child collector (the
/// count and the page of hits), so a search visits its matches once.
pub(super) struct FacetCounter<'a, C> {
    sets: &'a FacetSets,
    counting: FacetCounting,
    /// Selected values per string facet, in [`Facet::ALL`] order.
    selected: Vec<Option<Vec<String>>>,
    year: Option<(u64, u64)>,
    child: C,
}

impl<'a, C> FacetCounter<'a, C> {
    pub(super) fn new(
        sets: &'a FacetSets,
        counting: FacetCounting,
        req: &SearchRequest,
        child: C,
    ) -> FacetCounter<'a, C> {
        FacetCounter {
            sets,
            counting,
            child,
            selected: Facet::ALL
                .iter()
                .map(|f| req.filters.get(f).cloned())
                .collect(),
            year: if req.year_from.is_some() || req.year_to.is_some() {
                Some((req.year_from.unwrap_or(0), req.year_to.unwrap_or(u64::MAX)))
            } else {
                None
            },
        }
    }
}

pub(super) struct FacetSegment<C> {
    child: C,
    counting: FacetCounting,
    sets: Arc<SegmentSets>,
    /// Per dimension, the documents passing its filter (none: unfiltered).
    filters: Vec<Option<FixedBitSet>>,
    /// The documents passing every filter, when there is one.
    all: Option<FixedBitSet>,
    matched: Vec<DocId>,
}

/// Per-segment result: value → count per string facet, year → count.
#[derive(Default)]
pub(super) struct FacetFruit {
    counts: Vec<HashMap<String, u64>>,
    years: BTreeMap<u64, u64>,
}

impl<C: Collector> Collector for FacetCounter<'_, C> {
    type Fruit = (Facets, C::Fruit);
    type Child = FacetSegment<C::Child>;

    fn for_segment(
        &self,
        ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment<C::Child>> {
        let child = self.child.for_segment(ord, segment)?;
        let sets = self.sets.of(segment)?;
        let mut filters: Vec<Option<FixedBitSet>> = Vec::with_capacity(DIMS);
        for (dim, selected) in self.selected.iter().enumerate() {
            filters.push(selected.as_ref().map(|values| {
                let ords: Vec<usize> = values
                    .iter()
                    .filter_map(|v| sets.dims[dim].names.iter().position(|n| n == v))
                    .collect();
                sets.filter_set(dim, &ords)
            }));
        }
        filters.push(self.year.map(|(lo, hi)| {
            let ords: Vec<usize> = (0..sets.years.len())
                .filter(|&o| lo <= sets.years[o] && sets.years[o] <= hi)
                .collect();
            sets.filter_set(YEAR, &ords)
        }));
        let all = intersect(filters.iter().flatten());
        Ok(FacetSegment {
            child,
            counting: self.counting,
            sets,
            filters,
            all,
            matched: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.child.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(FacetFruit, <C::Child as SegmentCollector>::Fruit)>,
    ) -> tantivy::Result<(Facets, C::Fruit)> {
        let (fruits, child_fruits): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        let child = self.child.merge_fruits(child_fruits)?;
        let mut counts: Vec<HashMap<String, u64>> = vec![HashMap::new(); Facet::ALL.len()];
        let mut years: BTreeMap<u64, u64> = BTreeMap::new();
        for fruit in fruits {
            for (total, part) in counts.iter_mut().zip(fruit.counts) {
                for (v, c) in part {
                    *total.entry(v).or_default() += c;
                }
            }
            for (y, c) in fruit.years {
                *years.entry(y).or_default() += c;
            }
        }
        let mut facets = Facets::default();
        for ((facet, map), selected) in Facet::ALL.iter().zip(counts).zip(&self.selected) {
            let mut values: Vec<FacetValue> = map
                .into_iter()
                .map(|(value, count)| FacetValue { value, count })
                .collect();
            // Selected values stay visible even at zero, so they can be unselected.
            for s in selected.iter().flatten() {
                if !values.iter().any(|v| &v.value == s) {
                    values.push(FacetValue {
                        value: s.clone(),
                        count: 0,
                    });
                }
            }
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            let keep: Vec<FacetValue> = values
                .iter()
                .enumerate()
                .filter(|(i, v)| {
                    *i < FACET_LIMIT || selected.as_ref().is_some_and(|s| s.contains(&v.value))
                })
                .map(|(_, v)| v.clone())
                .collect();
            *facets.of_mut(*facet) = keep;
        }
        facets.year = years
            .into_iter()
            .map(|(y, c)| FacetValue {
                value: y.to_string(),
                count: c,
            })
            .collect();
        Ok((facets, child))
    }
}

/// The intersection of some sets, or none when there are none.
fn intersect<'s>(mut sets: impl Iterator<Item = &'s FixedBitSet>) -> Option<FixedBitSet> {
    let mut out = sets.next()?.clone();
    for s in sets {
        out.intersect_with(s);
    }
    Some(out)
}

impl<C: SegmentCollector> FacetSegment<C> {
    fn use_sets(&self) -> bool {
        match self.counting {
            FacetCounting::Ordinals => false,
            FacetCounting::Sets => true,
            FacetCounting::Auto => {
                self.matched.len() * DIMS * ORDINAL_READ_COST > self.sets.sets_cost
            }
        }
    }

    /// Counts per dimension and ordinal by reading each match's values.
    fn count_ordinals(&self) -> Vec<Vec<u64>> {
        let mut counts: Vec<Vec<u64>> = self
            .sets
            .dims
            .iter()
            .map(|d| vec![0; d.names.len()])
            .collect();
        let mut ords = Vec::new();
        for &doc in &self.matched {
            let mut failing = None;
            let mut failures = 0;
            for (dim, filter) in self.filters.iter().enumerate() {
                if filter.as_ref().is_some_and(|f| !f.contains(doc as usize)) {
                    failing = Some(dim);
                    failures += 1;
                }
            }
            // With one failing filter, only that dimension counts the document.
            let dims = match (failures, failing) {
                (0, _) => 0..DIMS,
                (1, Some(dim)) => dim..dim + 1,
                _ => continue,
            };
            for dim in dims {
                self.sets.ordinals(dim, doc, &mut ords);
                for &o in &ords {
                    counts[dim][o] += 1;
                }
            }
        }
        counts
    }

    /// Counts per dimension and ordinal by intersecting the match set, less the
    /// other dimensions' filters, with each value's documents.
    fn count_sets(&self) -> Vec<Vec<u64>> {
        let mut matched = FixedBitSet::with_capacity(self.sets.max_doc);
        matched.extend(self.matched.iter().map(|d| *d as usize));
        // The base of an unfiltered dimension is the same for all of them.
        let mut shared = matched.clone();
        if let Some(all) = &self.all {
            shared.intersect_with(all);
        }
        (0..DIMS)
            .map(|dim| {
                let own;
                let base = if self.filters[dim].is_some() {
                    let mut b = matched.clone();
                    for (other, f) in self.filters.iter().enumerate() {
                        if let Some(f) = f
                            && other != dim
                        {
                            b.intersect_with(f);
                        }
                    }
                    own = b;
                    &own
                } else {
                    &shared
                };
                self.sets.dims[dim]
                    .docs
                    .iter()
                    .map(|docs| docs.count_in(base))
                    .collect()
            })
            .collect()
    }
}

impl<C: SegmentCollector> SegmentCollector for FacetSegment<C> {
    type Fruit = (FacetFruit, C::Fruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.matched.push(doc);
        if self.all.as_ref().is_none_or(|a| a.contains(doc as usize)) {
            self.child.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let counts = if self.use_sets() {
            self.count_sets()
        } else {
            self.count_ordinals()
        };
        let mut fruit = FacetFruit::default();
        for (dim, row) in counts.into_iter().enumerate() {
            let names = &self.sets.dims[dim].names;
            let counted = row.into_iter().enumerate().filter(|(_, c)| *c > 0);
            if dim == YEAR {
                fruit
                    .years
                    .extend(counted.map(|(o, c)| (self.sets.years[o], c)));
            } else {
                fruit
                    .counts
                    .push(counted.map(|(o, c)| (names[o].clone(), c)).collect());
            }
        }
        (fruit, self.child.harvest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_count_counts_what_fixedbitset_counts() {
        // Sets of several lengths (not all a whole number of vector widths), from
        // a small deterministic generator, dense and sparse.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in [0, 1, 63, 64, 65, 255, 256, 1000, 4099, 100_000] {
            for density in [2, 5, 50] {
                let mut a = FixedBitSet::with_capacity(len);
                let mut b = FixedBitSet::with_capacity(len);
                for i in 0..len {
                    a.set(i, next() % density == 0);
                    b.set(i, next() % 3 == 0);
                }
                let expected = a.intersection_count(&b) as u64;
                assert_eq!(
                    and_count(a.as_slice(), b.as_slice()),
                    expected,
                    "{len} {density}"
                );
                assert_eq!(and_count_portable(a.as_slice(), b.as_slice()), expected);
            }
        }
    }
}
