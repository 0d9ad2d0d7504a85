#!/usr/bin/env python3
"""Generates Resources/titles.tsv: the titles and honorifics that may stand before a person's name.

Sources (facts only):
  - OntoNotes 5.0 English (../shared/data/ontonotes/train.jsonl, LDC2013T19). OntoNotes leaves a
    title outside the PERSON span (`President [Bush]`, `Mr. [Putin]`), so the capitalised words
    written just before person names are the titles the corpus uses. A phrase is a candidate
    when it stands right before a person name at least MIN_COUNT times and in at least MIN_SHARE
    of the places it is written capitalised.
  - CURATED: offices and forms of address that news puts before a name, written by hand after
    Debrett's forms of address and the AP Stylebook's entries on titles, for those the corpus
    writes too rarely (`Crown Prince`, `Dame`, `Secretary of State`).

A candidate from the corpus is kept when it is curated too, or when it is one word written
capitalised more often than not (`Messrs`, `Sen.`: abbreviations of titles), so words that only
happen to open a sentence before a name (`Says`, `But Mr.`) or describe rather than address
(`correspondent`) stay out; a longer phrase that ends in a shorter title (`Israeli Prime
Minister`) is left to that shorter one.

Output: `title<TAB>source` a line (source `ontonotes`, `curated` or `both`), in lower case without
full stops, sorted. Read by Identity/NameTitles.swift.
Run: python3 make_titles.py ../../../../../shared/data/ontonotes/train.jsonl > ../../Resources/titles.tsv
"""
import json
import re
import sys
from collections import Counter

MIN_COUNT = 8
MIN_SHARE = 0.5
WORD = re.compile(r"[A-Z][A-Za-z]*\.?")

CURATED = [
    "mr", "mrs", "ms", "miss", "mister", "messrs", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice president", "prime minister", "deputy prime minister", "premier", "chancellor",
    "king", "queen", "prince", "princess", "crown prince", "emperor", "empress", "sheikh", "emir", "sultan", "pope",
    "secretary", "secretary of state", "secretary general", "foreign secretary", "home secretary",
    "defence secretary", "defense secretary", "foreign minister", "defence minister", "defense minister",
    "finance minister", "interior minister", "minister",
    "general", "gen", "lieutenant general", "lt gen", "major general", "maj gen", "brigadier general", "brig gen",
    "colonel", "col", "lieutenant colonel", "lt col", "captain", "capt", "admiral", "adm", "vice admiral",
    "rear admiral", "commander", "lieutenant", "lt", "sergeant", "sgt", "field marshal", "marshal",
    "senator", "sen", "representative", "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
    "speaker", "majority leader", "minority leader",
    "judge", "justice", "chief justice", "ambassador",
    "archbishop", "bishop", "cardinal", "rabbi", "imam", "ayatollah", "reverend", "rev",
    "chairman", "chairwoman", "chief executive",
]

def corpus_candidates(path):
    """Phrases written right before person names often enough, with the corpus's word counts
    (capitalised and lower case) for the one-word test in main."""
    before = Counter()       # phrase -> times right before a PERSON name
    capitalised_phrase = Counter()  # phrase -> times written capitalised anywhere
    capitalised = Counter()
    lower = Counter()
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        text = doc["text"]
        for m in re.finditer(r"[A-Za-z]+", text):
            w = m.group(0)
            (capitalised if w[0].isupper() else lower)[w.lower()] += 1
        for m in re.finditer(r"(?:[A-Z][A-Za-z]*\.? ){1,3}", text):
            words = m.group(0).split()
            for n in range(1, len(words) + 1):
                capitalised_phrase[" ".join(words[-n:])] += 1
        for e in doc["entities"]:
            if e["label"] != "PERSON":
                continue
            words = text[max(0, e["start"] - 60):e["start"]].split(" ")
            if len(words) < 2 or words[-1] != "":
                continue  # the name is not one space after a word
            phrase = []
            for w in reversed(words[-4:-1]):
                if not WORD.fullmatch(w):
                    break
                phrase.insert(0, w)
                before[" ".join(phrase)] += 1
    out = set()
    for phrase, n in before.items():
        if n >= MIN_COUNT and n / max(capitalised_phrase[phrase], n) >= MIN_SHARE:
            out.add(phrase.replace(".", "").lower())
    return out, capitalised, lower

def main():
    candidates, capitalised, lower = corpus_candidates(sys.argv[1])
    curated = set(CURATED)
    kept = {}
    for t in curated:
        kept[t] = "curated"
    for t in candidates:
        words = t.split()
        if t in curated:
            kept[t] = "both"
        elif len(words) == 1 and capitalised[t] > lower[t]:
            kept[t] = "ontonotes"
    # A longer phrase ending in a kept title adds nothing the shorter one does not strip.
    for t in list(kept):
        words = t.split()
        if kept[t] == "ontonotes" and any(" ".join(words[i:]) in kept for i in range(1, len(words))):
            del kept[t]
    print("# Generated by Identity/Tools/make_titles.py from OntoNotes 5.0 (the words written before PERSON")
    print("# names) and a hand-written list after Debrett's forms of address and the AP Stylebook. Do not edit.")
    for t in sorted(kept):
        print(f"{t}\t{kept[t]}")

if __name__ == "__main__":
    main()
