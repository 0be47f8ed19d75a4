//! File ids from names: ASCII `[a-z0-9_]`, Chinese by its pinyin (万盛经开区 →
//! `wan_sheng_jing_kai_qu`), unique within their list.

use std::collections::HashSet;

use pinyin::ToPinyin;

/// The longest id made; longer names are cut (at a word boundary where there is one).
const MAX_LEN: usize = 48;

/// The id of `name`: lower-case ASCII words joined by `_`; never empty, never with `,` or
/// white space. `fallback` is used when the name has no letters or digits at all.
pub fn base_id(name: &str, fallback: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            current.push(c.to_ascii_lowercase());
            continue;
        }
        if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if let Some(p) = c.to_pinyin() {
            words.push(ascii_pinyin(p.plain()));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut id = String::new();
    for w in words {
        if !id.is_empty() && id.len() + 1 + w.len() > MAX_LEN {
            break;
        }
        if !id.is_empty() {
            id.push('_');
        }
        id.push_str(&w);
    }
    id.truncate(MAX_LEN);
    if id.is_empty() {
        fallback.to_owned()
    } else {
        id
    }
}

/// Toneless pinyin in ASCII: ü is written `v`, as pinyin keyboards and the 汉语拼音方案's own
/// substitute do (率 → `lv`, 女 → `nv`, 略 → `lve`), and ê is `e`.
fn ascii_pinyin(plain: &str) -> String {
    plain
        .chars()
        .map(|c| match c {
            'ü' => 'v',
            'ê' => 'e',
            c => c,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A unique id for `name`: [`base_id`], then `_2`, `_3`… if it is taken. Records it in `taken`.
pub fn unique_id(name: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let base = base_id(name, fallback);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_chinese_and_english_names() {
        assert_eq!(base_id("万盛经开区", "r"), "wan_sheng_jing_kai_qu");
        assert_eq!(base_id("GDP (亿元)", "r"), "gdp_yi_yuan");
        assert_eq!(base_id("Qijiang District", "r"), "qijiang_district");
        assert_eq!(base_id("——", "r"), "r");
        // ü and ê are not ASCII: pinyin input's v and a plain e stand for them.
        assert_eq!(base_id("森林覆盖率", "r"), "sen_lin_fu_gai_lv");
        assert_eq!(base_id("绿化覆盖率", "r"), "lv_hua_fu_gai_lv");
        assert_eq!(base_id("女性就业率", "r"), "nv_xing_jiu_ye_lv");
        assert_eq!(base_id("战略", "r"), "zhan_lve");
        let mut taken = HashSet::new();
        assert_eq!(unique_id("綦江", "r", &mut taken), "qi_jiang");
        assert_eq!(unique_id("綦江", "r", &mut taken), "qi_jiang_2");
    }
}
