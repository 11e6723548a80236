#!/usr/bin/env python3
"""Build the per-language word frequency lists used by `gen-corpus`.

Writes bench/words/<code>.tsv, one `word<TAB>frequency` per line (UTF-8),
most frequent first, 4000 words per language. The frequency is written as an
integer number of occurrences per billion words (wordfreq's fraction x 1e9).

* en da sv no fi lv lt pl de ru fr: wordfreq 3.1.1 (`pip install wordfreq==3.1.1`),
  `top_n_list` + `word_frequency` (wordlist "best": the large list where wordfreq
  has one, otherwise the small one). Norwegian is wordfreq's `nb` (bokmål),
  written as `no.tsv`.
* et: wordfreq has no Estonian. By default (`--et-source lingua`) the words are
  counted in the Estonian test texts shipped by the crates.io package
  `lingua-estonian-language-model` 1.3.0 (a dependency of this project through
  `lingua`; found in cargo's registry cache after `cargo fetch`): real running
  text, so real relative frequencies (see `estonian_lingua()`).
  `--et-source myspell` instead uses Debian's `myspell-et` word list
  (/usr/share/hunspell/et_EE.dic, ISO-8859-15; `apt-get install -y myspell-et`),
  which has no frequencies: see `estonian_myspell()` for how words are picked
  and the Zipf-like 1/rank frequency they are given.

Only alphabetic, lower-case words of at least two letters are kept.
Run from anywhere: python3 bench/words/extract.py [--out DIR] [--et-source lingua|myspell]
"""

import argparse
import collections
import glob
import hashlib
import os
import re
import sys

N_WORDS = 4000
WORDFREQ_LANGS = ["en", "da", "sv", "nb", "fi", "lv", "lt", "pl", "de", "ru", "fr"]
ET_DIC = "/usr/share/hunspell/et_EE.dic"
ET_LINGUA_GLOB = os.path.expanduser(
    os.path.join(
        os.environ.get("CARGO_HOME", "~/.cargo"),
        "registry/src/*/lingua-estonian-language-model-1.3.0/testdata",
    )
)
ET_LETTERS = set("abdefghijklmnoprsštzžuvõäöüy")  # Estonian alphabet (plus y for loans)
ET_VOWELS = set("aeiouõäöüy")


def keep(word):
    return len(word) >= 2 and word.isalpha() and word == word.lower()


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for word, freq in rows:
            # Frequency as occurrences per billion words (linear, so usable as a
            # sampling weight); keeps the Cyrillic list under ~80 KB.
            f.write(f"{word}\t{round(freq * 1e9)}\n")


def from_wordfreq(lang):
    import wordfreq

    words = []
    seen = set()
    n = N_WORDS * 2
    while True:
        top = wordfreq.top_n_list(lang, n, wordlist="best")
        for w in top:
            w = w.lower()
            if keep(w) and w not in seen:
                seen.add(w)
                words.append(w)
                if len(words) == N_WORDS:
                    return [(w, wordfreq.word_frequency(w, lang, wordlist="best")) for w in words]
        if len(top) < n:
            sys.exit(f"{lang}: only {len(words)} usable words in wordfreq")
        n *= 2
        words.clear()
        seen.clear()


def estonian_lingua():
    """4000 Estonian words counted in lingua's Estonian test data.

    lingua-estonian-language-model 1.3.0 ships testdata/sentences.txt,
    word-pairs.txt and single-words.txt (1000 lines each, drawn by lingua's author
    from Leipzig University's Wortschatz corpora): about 17,000 tokens and 6,900
    distinct words. All three are tokenised on word characters, lower-cased and
    filtered like the other lists; the 4000 most frequent words are kept (ties in
    order of first occurrence) with frequency = count / number of tokens. The head
    (ja, on, ei, et, kui, ...) is a real frequency profile; the tail (words seen
    once) is flat.
    """
    dirs = sorted(glob.glob(ET_LINGUA_GLOB))
    if not dirs:
        sys.exit(
            f"no {ET_LINGUA_GLOB}: run `cargo fetch` in the project first, "
            "or use --et-source myspell"
        )
    tokens = []
    for name in ("sentences.txt", "word-pairs.txt", "single-words.txt"):
        with open(os.path.join(dirs[-1], name), encoding="utf-8") as f:
            tokens += [w.lower() for w in re.findall(r"\w+", f.read())]
    tokens = [w for w in tokens if keep(w)]
    counts = collections.Counter(tokens)  # insertion order = first occurrence
    if len(counts) < N_WORDS:
        sys.exit(f"et: only {len(counts)} distinct words in {dirs[-1]}")
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:N_WORDS]  # stable sort
    return [(w, c / len(tokens)) for w, c in ranked]


def estonian_myspell():
    """4000 Estonian words from myspell-et, with a Zipf-like 1/rank frequency.

    The dictionary is an alphabetical list of stems without any frequency.
    Candidates: lower-case (no proper nouns), alphabetic, 2-12 letters, only
    letters of the Estonian alphabet, at least one vowel (drops abbreviations such
    as `kk`, `jm`). 4000 of them are taken at an even stride through the
    alphabetical list, so every initial letter is represented. They are then
    ranked shortest first (Zipf's law of abbreviation: frequent words are short),
    ties broken by the SHA-1 of the word so the order is deterministic but not
    alphabetical, and given frequency (1/rank) / H(4000), which sums to 1.
    """
    with open(ET_DIC, encoding="iso-8859-15") as f:
        lines = f.read().splitlines()[1:]  # first line is the entry count
    cands = []
    seen = set()
    for line in lines:
        w = line.split("/", 1)[0].strip()
        if (
            keep(w)
            and len(w) <= 12
            and set(w) <= ET_LETTERS
            and set(w) & ET_VOWELS
            and w not in seen
        ):
            seen.add(w)
            cands.append(w)
    cands.sort()
    if len(cands) < N_WORDS:
        sys.exit(f"et: only {len(cands)} candidate words in {ET_DIC}")
    step = len(cands) / N_WORDS
    picked = [cands[int(i * step)] for i in range(N_WORDS)]
    picked.sort(key=lambda w: (len(w), hashlib.sha1(w.encode("utf-8")).hexdigest()))
    harmonic = sum(1.0 / r for r in range(1, N_WORDS + 1))
    return [(w, 1.0 / (rank * harmonic)) for rank, w in enumerate(picked, start=1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--et-source", choices=["lingua", "myspell"], default="lingua")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for lang in WORDFREQ_LANGS:
        code = "no" if lang == "nb" else lang
        path = os.path.join(args.out, f"{code}.tsv")
        write(path, from_wordfreq(lang))
        print(f"{path}: {os.path.getsize(path)} bytes")
    if args.et_source == "myspell":
        if not os.path.exists(ET_DIC):
            sys.exit(f"{ET_DIC} missing (apt-get install -y myspell-et): et.tsv not written")
        rows = estonian_myspell()
    else:
        rows = estonian_lingua()
    path = os.path.join(args.out, "et.tsv")
    write(path, rows)
    print(f"{path}: {os.path.getsize(path)} bytes ({args.et_source})")


if __name__ == "__main__":
    main()
