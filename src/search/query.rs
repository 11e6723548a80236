//! Parse: the user's query text becomes a list of clauses (words and quoted
//! phrases, each wanted, required or excluded). The grammar is small on purpose and
//! never fails: `"a phrase"`, `+required`, `-excluded`, `NOT excluded`, `a AND b`
//! (both required); `OR`, brackets and unbalanced quotes are read as spaces, so any
//! text a user types is searched as well as it can be.

/// How much a clause is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Ranks documents that have it above those that do not.
    Wanted,
    /// Only documents that have it match.
    Required,
    /// Documents that have it never match.
    Excluded,
}

/// What a clause asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClauseKind {
    /// One written word; it may hold several parts (`3D-objekter`, `import/eksport`).
    Word(String),
    /// A quoted phrase: its words next to each other, in order.
    Phrase(String),
}

/// One clause of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// Word or phrase.
    pub kind: ClauseKind,
    /// Wanted, required or excluded.
    pub need: Need,
    /// A lower-case `-word` written after another word: Finnish and Estonian write a
    /// compound's tail so (`Option Base -lause`, `suurempi kuin -relaatio`); the
    /// planner reads it as a word when those languages' fields hold it, and as an
    /// exclusion otherwise.
    pub tail: bool,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Clauses in the order written.
    pub clauses: Vec<Clause>,
}

impl ParsedQuery {
    /// True when nothing searchable was written (the query lists everything).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// Characters read as spaces outside phrases: tantivy-style grouping and operators
/// that this grammar does not give a meaning.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || "()[]{}".contains(c)
}

/// Parses a query; never fails.
pub fn parse(q: &str) -> ParsedQuery {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut negate_next = false;
    let mut require_next = false;
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_separator(chars[i]) {
            i += 1;
            continue;
        }
        // A leading sign applies to the word or phrase right after it.
        let mut need = Need::Wanted;
        let mut tail = false;
        if (chars[i] == '-' || chars[i] == '+') && i + 1 < chars.len() {
            let next = chars[i + 1];
            if !is_separator(next) && next != '-' && next != '+' {
                need = if chars[i] == '-' {
                    Need::Excluded
                } else {
                    Need::Required
                };
                tail =
                    chars[i] == '-' && next.is_lowercase() && !clauses.is_empty() && !negate_next;
                i += 1;
            }
        }
        if chars[i] == '"' {
            let close = chars[i + 1..].iter().position(|&c| c == '"');
            if let Some(len) = close {
                let text: String = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 2;
                if text.chars().any(char::is_alphanumeric) {
                    let need = combine(need, &mut negate_next, &mut require_next);
                    clauses.push(Clause {
                        kind: ClauseKind::Phrase(
                            text.split_whitespace().collect::<Vec<_>>().join(" "),
                        ),
                        need,
                        tail: false,
                    });
                }
                continue;
            }
            // An unbalanced quote is a space.
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !is_separator(chars[i]) && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        match word.as_str() {
            "NOT" => {
                negate_next = true;
                continue;
            }
            "AND" | "&&" => {
                if let Some(last) = clauses.last_mut()
                    && last.need == Need::Wanted
                {
                    last.need = Need::Required;
                }
                require_next = true;
                continue;
            }
            "OR" | "||" => continue,
            _ => {}
        }
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let need = combine(need, &mut negate_next, &mut require_next);
        clauses.push(Clause {
            kind: ClauseKind::Word(word),
            tail: tail && need == Need::Excluded,
            need,
        });
    }
    ParsedQuery { clauses }
}

/// The need of a clause given its own sign and a pending `NOT` or `AND`.
fn combine(sign: Need, negate_next: &mut bool, require_next: &mut bool) -> Need {
    let need = if std::mem::take(negate_next) {
        Need::Excluded
    } else if std::mem::take(require_next) && sign == Need::Wanted {
        Need::Required
    } else {
        sign
    };
    *require_next = false;
    need
}

/// The parts of a written word as the analyzers see them: runs of letters and
/// digits (`3D-objekter` → `3D`, `objekter`).
pub fn parts(word: &str) -> Vec<&str> {
    crate::analysis::word_spans(word)
        .into_iter()
        .map(|(_, part)| part)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str, need: Need) -> Clause {
        Clause {
            kind: ClauseKind::Word(w.into()),
            need,
            tail: false,
        }
    }

    #[test]
    fn words_phrases_and_signs_are_read() {
        let q = parse(r#"cluster "business register" -ESCA +survey NOT mapping"#);
        assert_eq!(
            q.clauses,
            vec![
                word("cluster", Need::Wanted),
                Clause {
                    kind: ClauseKind::Phrase("business register".into()),
                    need: Need::Wanted,
                    tail: false,
                },
                word("ESCA", Need::Excluded),
                word("survey", Need::Required),
                word("mapping", Need::Excluded),
            ]
        );
    }

    #[test]
    fn and_requires_both_sides_and_or_is_a_space() {
        let q = parse("cluster AND mapping OR survey");
        assert_eq!(
            q.clauses,
            vec![
                word("cluster", Need::Required),
                word("mapping", Need::Required),
                word("survey", Need::Wanted),
            ]
        );
    }

    #[test]
    fn malformed_syntax_is_searched_plainly() {
        let q = parse(r#""cluster AND ("#);
        assert_eq!(q.clauses, vec![word("cluster", Need::Required)]);
        assert!(parse(r#"" ( ) - + ""#).is_empty());
        let hyphenated = parse("3D-objekter import/eksport");
        assert_eq!(
            hyphenated.clauses,
            vec![
                word("3D-objekter", Need::Wanted),
                word("import/eksport", Need::Wanted)
            ]
        );
        assert_eq!(parts("3D-objekter"), vec!["3D", "objekter"]);
        let tail = parse("Option Base -lause");
        assert!(tail.clauses[2].tail && tail.clauses[2].need == Need::Excluded);
        assert!(!parse("benchmarking -ESCA").clauses[1].tail);
        assert!(!parse("-lause").clauses[0].tail);
    }
}
