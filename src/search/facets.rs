//! Disjunctive facet counting in the same pass that collects the page of hits.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, SegmentReader};

use super::{FACET_LIMIT, FacetValue, Facets, SearchRequest};
use crate::schema::Facet;

/// What one pass over a query's matches yields.
pub(super) struct MainPass {
    pub total: u64,
    pub addresses: Vec<(Option<f32>, DocAddress)>,
    pub facets: Facets,
}

/// Counts facet values disjunctively in one pass over the documents that match the
/// text query: a document counts for facet F when it passes every *other* facet's
/// filter (and the year range), whether or not it passes F's own.
///
/// It also feeds the documents that pass *every* filter to a child collector (the
/// count and the page of hits), so a search visits its matches once.
pub(super) struct FacetCounter<C> {
    /// Selected values per string facet, in [`Facet::ALL`] order.
    selected: Vec<Option<Vec<String>>>,
    year: Option<(u64, u64)>,
    child: C,
}

/// Index of the year "facet" in pass arrays, after the string facets.
const YEAR: usize = Facet::ALL.len();

impl<C> FacetCounter<C> {
    pub(super) fn new(req: &SearchRequest, child: C) -> FacetCounter<C> {
        FacetCounter {
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

struct FacetColumn {
    column: Option<StrColumn>,
    /// Term ordinals of the selected values in this segment, when filtered.
    allowed: Option<Vec<u64>>,
    counts: Vec<u64>,
}

pub(super) struct FacetSegment<C> {
    child: C,
    facets: Vec<FacetColumn>,
    year: tantivy::columnar::Column<u64>,
    year_range: Option<(u64, u64)>,
    years: BTreeMap<u64, u64>,
}

/// Per-segment result: value → count per facet, year → count.
#[derive(Default)]
pub(super) struct FacetFruit {
    counts: Vec<HashMap<String, u64>>,
    years: BTreeMap<u64, u64>,
}

impl<C: Collector> Collector for FacetCounter<C> {
    type Fruit = (Facets, C::Fruit);
    type Child = FacetSegment<C::Child>;

    fn for_segment(
        &self,
        ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment<C::Child>> {
        let child = self.child.for_segment(ord, segment)?;
        let ff = segment.fast_fields();
        let mut facets = Vec::with_capacity(Facet::ALL.len());
        for (facet, selected) in Facet::ALL.iter().zip(&self.selected) {
            let column = ff.str(facet.name())?;
            let allowed = match (selected, &column) {
                (Some(values), Some(col)) => {
                    let mut ords = Vec::new();
                    for v in values {
                        if let Some(o) = col.dictionary().term_ord(v)? {
                            ords.push(o);
                        }
                    }
                    Some(ords)
                }
                (Some(_), None) => Some(Vec::new()),
                (None, _) => None,
            };
            let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
            facets.push(FacetColumn {
                column,
                allowed,
                counts,
            });
        }
        Ok(FacetSegment {
            child,
            facets,
            year: ff.u64("year")?,
            year_range: self.year,
            years: BTreeMap::new(),
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

impl<C: SegmentCollector> SegmentCollector for FacetSegment<C> {
    type Fruit = (FacetFruit, C::Fruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut pass = [true; YEAR + 1];
        for (i, f) in self.facets.iter().enumerate() {
            if let Some(allowed) = &f.allowed {
                pass[i] = f
                    .column
                    .as_ref()
                    .is_some_and(|c| c.term_ords(doc).any(|o| allowed.contains(&o)));
            }
        }
        let year = self.year.first(doc);
        if let Some((lo, hi)) = self.year_range {
            pass[YEAR] = year.is_some_and(|y| lo <= y && y <= hi);
        }
        let failing = pass.iter().filter(|p| !**p).count();
        if failing == 0 {
            self.child.collect(doc, score);
        }
        if failing > 1 {
            return;
        }
        for (i, f) in self.facets.iter_mut().enumerate() {
            // With one failing filter, only that facet counts this document.
            if failing == 1 && pass[i] {
                continue;
            }
            if let Some(col) = &f.column {
                for o in col.term_ords(doc) {
                    f.counts[o as usize] += 1;
                }
            }
        }
        if (failing == 0 || !pass[YEAR])
            && let Some(y) = year
        {
            *self.years.entry(y).or_default() += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut counts = Vec::with_capacity(self.facets.len());
        for f in self.facets {
            let mut map = HashMap::new();
            if let Some(col) = &f.column {
                // One ordered walk through the dictionary rather than a block
                // decompression per value.
                let ords: Vec<u64> = (0..f.counts.len() as u64)
                    .filter(|&o| f.counts[o as usize] > 0)
                    .collect();
                let mut next = ords.iter();
                let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                    if let Some(&o) = next.next() {
                        let term = String::from_utf8_lossy(term).into_owned();
                        map.insert(term, f.counts[o as usize]);
                    }
                });
            }
            counts.push(map);
        }
        (
            FacetFruit {
                counts,
                years: self.years,
            },
            self.child.harvest(),
        )
    }
}
