//! Finding regions by what a user types: part of the Chinese name, the English name, the id,
//! or the pinyin — whole ("wansheng") or initials ("ws" finds 万盛经开区). Built once per
//! dataset (the `pinyin` crate's tables), then each query is a scan of short strings.

use pinyin::ToPinyin;

use super::{Dataset, RegionIdx};

/// The search keys of every region of a dataset, in region order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegionSearch {
    keys: Vec<RegionKeys>,
    /// Every region with its depth, parents before their parts (重庆市, then its districts).
    tree: Vec<(RegionIdx, usize)>,
}

/// What one region is found by, lower-cased.
#[derive(Clone, Debug, Default, PartialEq)]
struct RegionKeys {
    name: String,
    name_en: String,
    id: String,
    /// Full pinyin without tones or spaces: "wanshengjingkaiqu".
    pinyin: String,
    /// First letters of each syllable: "wsjkq".
    initials: String,
}

/// The pinyin of `text` without tones, and its initials; characters without a reading
/// (Latin letters, digits) are kept as they are.
fn pinyin_of(text: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for c in text.chars() {
        match c.to_pinyin() {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_alphanumeric() => {
                let lower: String = c.to_lowercase().collect();
                full.push_str(&lower);
                initials.push_str(&lower);
            }
            None => {}
        }
    }
    (full, initials)
}

/// The regions depth first from the roots (regions without a parent in the dataset), each
/// followed by its parts; a region in a parent cycle (refused by the loader) is listed once.
fn tree_order(dataset: &Dataset) -> Vec<(RegionIdx, usize)> {
    let n = dataset.regions().len();
    let mut seen = vec![false; n];
    let mut out = Vec::with_capacity(n);
    let mut stack: Vec<(RegionIdx, usize)> = dataset
        .region_indices()
        .filter(|&r| dataset.parent_of(r).is_none())
        .map(|r| (r, 0))
        .collect();
    stack.reverse();
    while let Some((region, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[region.0 as usize], true) {
            continue;
        }
        out.push((region, depth));
        for child in dataset.children_of(region).into_iter().rev() {
            stack.push((child, depth + 1));
        }
    }
    // Anything not reached from a root keeps its place at the end.
    out.extend(
        dataset
            .region_indices()
            .filter(|r| !seen[r.0 as usize])
            .map(|r| (r, 0)),
    );
    out
}

impl RegionSearch {
    /// The keys of every region of `dataset`.
    pub fn new(dataset: &Dataset) -> Self {
        let keys = dataset
            .regions()
            .iter()
            .map(|r| {
                let (pinyin, initials) = pinyin_of(&r.name);
                RegionKeys {
                    name: r.name.to_lowercase(),
                    name_en: r.name_en.to_lowercase(),
                    id: r.id.to_lowercase(),
                    pinyin,
                    initials,
                }
            })
            .collect();
        Self {
            keys,
            tree: tree_order(dataset),
        }
    }

    /// Every region with its depth, each parent followed by its parts, else in dataset order.
    pub fn tree(&self) -> &[(RegionIdx, usize)] {
        &self.tree
    }

    /// Whether region `region` matches `query` (blank matches every region). Spaces in the
    /// query are ignored for the pinyin ("wan sheng" finds 万盛).
    pub fn matches(&self, region: RegionIdx, query: &Query) -> bool {
        if query.is_empty() {
            return true;
        }
        let Some(k) = self.keys.get(region.0 as usize) else {
            return false;
        };
        k.name.contains(&query.lower)
            || k.name_en.contains(&query.lower)
            || k.id.contains(&query.lower)
            || k.pinyin.contains(&query.squeezed)
            || k.initials.starts_with(&query.squeezed)
    }

    /// The regions matching `query`, in dataset order.
    pub fn matching(&self, query: &str) -> Vec<RegionIdx> {
        let query = Query::new(query);
        (0..self.keys.len() as u32)
            .map(RegionIdx)
            .filter(|&r| self.matches(r, &query))
            .collect()
    }
}

/// What the user typed, made ready once for matching every region against it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Trimmed, lower-cased: matched inside names and ids.
    lower: String,
    /// The same without white space: matched inside the pinyin and at its initials.
    squeezed: String,
}

impl Query {
    /// `text` as a query.
    pub fn new(text: &str) -> Self {
        let lower = text.trim().to_lowercase();
        let squeezed = lower.chars().filter(|c| !c.is_whitespace()).collect();
        Self { lower, squeezed }
    }

    /// Blank: every region matches.
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (Dataset, RegionSearch) {
        let d = crate::bundled_dataset().expect("bundled data");
        let s = RegionSearch::new(&d);
        (d, s)
    }

    fn ids(d: &Dataset, found: &[RegionIdx]) -> Vec<String> {
        found.iter().map(|&r| d.region(r).id.clone()).collect()
    }

    #[test]
    fn initials_full_pinyin_names_and_ids_find_the_region() {
        let (d, s) = bundled();
        assert_eq!(ids(&d, &s.matching("ws")), ["wansheng"]);
        assert_eq!(ids(&d, &s.matching("wansheng")), ["wansheng"]);
        assert_eq!(ids(&d, &s.matching("Wan Sheng")), ["wansheng"]);
        assert_eq!(ids(&d, &s.matching("万盛")), ["wansheng"]);
        assert_eq!(ids(&d, &s.matching("fuling")), ["fuling"]);
        // "qj": 綦江 and 黔江 both start so.
        assert_eq!(ids(&d, &s.matching("qj")), ["qijiang", "qianjiang"]);
        // English names, any case.
        assert_eq!(ids(&d, &s.matching("CHONGQING")), ["chongqing"]);
    }

    #[test]
    fn the_tree_lists_each_parent_before_its_parts() {
        let (d, s) = bundled();
        let tree: Vec<(String, usize)> = s
            .tree()
            .iter()
            .map(|&(r, depth)| (d.region(r).id.clone(), depth))
            .collect();
        assert_eq!(tree.len(), d.regions().len());
        assert_eq!(tree[0], ("chongqing".to_owned(), 0));
        assert_eq!(tree[1], ("wansheng".to_owned(), 1));
        let sichuan = tree.iter().position(|(id, _)| id == "sichuan").unwrap();
        assert_eq!(tree[sichuan + 1], ("ziyang".to_owned(), 1));
    }

    #[test]
    fn a_blank_query_matches_all_and_nonsense_nothing() {
        let (d, s) = bundled();
        assert_eq!(s.matching("  ").len(), d.regions().len());
        assert!(s.matching("xyzzy").is_empty());
        assert!(
            !s.matches(RegionIdx(9999), &Query::new("ws")),
            "an index out of range"
        );
    }
}
