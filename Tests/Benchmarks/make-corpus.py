#!/usr/bin/env python3
"""Writes a synthetic news corpus as NDJSON for `article-entities import` (one article a
line: {"text", "title", "url", "source", "published_at"}), for benchmarks at archive scale.

    Tests/Benchmarks/make-corpus.py N [--seed S] > corpus.jsonl

Deterministic: the same N and seed give the same bytes. Nothing it writes is committed.
Sentences are built at run time from the project's own data:
  - places and organisation words from Sources/EntityExtraction/Resources/gazetteer.tsv
    (ISO 3166 and GeoNames, CC BY 4.0: see that file's header), news outlets as sources;
  - sentences with sums of money and dates: the positive corpus lines of the money and
    date grammars (Tests/EntityExtractionTests/Money/MoneyCorpus.swift, Dates/DateCorpus*.swift);
  - people: first names and surnames combined from two short lists below.
Entities are drawn with Zipf-like weights, so a few recur across many articles (as real
news names the same countries and leaders again and again) and most are rare.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

FIRST = ("Anna Boris Carlos Dmitri Elena Fatima Georg Hannah Ibrahim Jana Kenji Lars Maria Nadia Omar Pavel "
         "Quentin Rosa Sergei Tomas Ursula Viktor Wei Xavier Yusuf Zofia Ahmed Beatriz Chen Daniel Emma Farid "
         "Giulia Hugo Irina Jonas Karim Lena Marco Nina Olaf Priya Rahul Sofia Tariq Vera William Yara").split()
LAST = ("Andersen Barros Costa Dubois Eriksson Fischer Garcia Hoffmann Ivanova Jansen Kowalski Larsen Moreau "
        "Nakamura Okafor Petrov Quinn Rossi Schmidt Tanaka Ueda Volkov Weber Xu Yilmaz Zhang Almeida Becker "
        "Castillo Dimitrov Engel Ferreira Grant Haddad Ivanov Jovanovic Keller Lindqvist Mendes Novak Ortiz "
        "Park Ramos Silva Takahashi Uzun Vargas Walsh Yamamoto Ziegler").split()
ROLES = ["minister", "spokesperson", "chief executive", "analyst", "governor", "senior official", "economist"]
VERBS = ["said", "told reporters", "announced", "warned", "confirmed", "wrote in a statement"]
TOPICS = ["the budget", "energy prices", "the ceasefire talks", "interest rates", "the new rail line", "grain exports",
          "the election", "drought relief", "the trade agreement", "defence spending", "the housing market", "vaccines"]


def swift_string(body):
    """The value of a Swift string literal's body (the escapes the corpora use)."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n == "u" and body[i + 2:i + 3] == "{":
                end = body.index("}", i)
                out.append(chr(int(body[i + 3:end], 16)))
                i = end + 1
                continue
            out.append({"n": "\n", "t": "\t", "0": "\0"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def corpus_sentences(path):
    """Texts of the lines `("text", [something])` whose expected list is not empty."""
    pattern = re.compile(r'^\s*\("((?:[^"\\]|\\.)*)",\s*\[(?!\])')
    sentences = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = pattern.match(line)
            if m:
                text = swift_string(m.group(1)).replace("\n", " ").strip()
                if 12 <= len(text) <= 300:
                    sentences.append(text)
    return sentences


def gazetteer():
    kinds = {}
    with open(os.path.join(ROOT, "Sources/EntityExtraction/Resources/gazetteer.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            kind, name = line.rstrip("\n").split("\t", 1)
            kinds.setdefault(kind, []).append(name)
    return kinds


class Zipf:
    """Picks items with weight 1/rank^s, so early items recur and late ones are rare."""

    def __init__(self, items, rng, s=1.1):
        self.items = items
        self.rng = rng
        total, self.cumulative = 0.0, []
        for rank in range(1, len(items) + 1):
            total += 1.0 / rank ** s
            self.cumulative.append(total)

    def pick(self):
        return self.rng.choices(self.items, cum_weights=self.cumulative, k=1)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    g = gazetteer()
    tests = os.path.join(ROOT, "Tests/EntityExtractionTests")
    money = corpus_sentences(os.path.join(tests, "Money/MoneyCorpus.swift"))
    dates = []
    for name in sorted(os.listdir(os.path.join(tests, "Dates"))):
        if name.startswith("DateCorpus") and name.endswith(".swift") and "Tests" not in name:
            dates += corpus_sentences(os.path.join(tests, "Dates", name))
    if not money or not dates:
        sys.exit("make-corpus.py: found no corpus lines; run it from a checkout of the project")

    # Shuffled once with a fixed seed so the Zipf head is a mix of big and small places.
    countries = sorted(g["country"])
    random.Random(7).shuffle(countries)
    cities = sorted(g["city"])
    random.Random(8).shuffle(cities)
    cities = cities[:5000]
    people = [f"{f} {l}" for f in FIRST for l in LAST]
    random.Random(9).shuffle(people)
    orgwords = [w for w in g["orgword"] if len(w) > 3]
    orgs = sorted({f"{rng.choice(countries)} {w.capitalize()}" for w in orgwords for _ in range(3)}
                  | {f"{w.capitalize()} of {c}" for w in ("bank", "ministry", "university", "council") for c in countries[:60]})
    random.Random(10).shuffle(orgs)
    place = Zipf(countries, rng, 1.0)
    city = Zipf(cities, rng, 1.0)
    person = Zipf(people, rng, 1.05)
    org = Zipf(orgs, rng, 1.05)
    sources = sorted(g["media"])
    pickers = {"person": person, "org": org, "place": place, "city": city}

    def named_sentence(cast):
        # Mostly the article's own cast (as a story keeps naming the same people and
        # places), sometimes anyone.
        def one(kind):
            return rng.choice(cast[kind]) if rng.random() < 0.8 else pickers[kind].pick()
        p, o, c, t = one("person"), one("org"), one("place"), rng.choice(TOPICS)
        forms = [
            f"{p}, the {rng.choice(ROLES)} of {o}, {rng.choice(VERBS)} that talks on {t} with {c} would continue.",
            f"Officials in {one('city')} and {c} met {p} to discuss {t}.",
            f"{o} {rng.choice(VERBS)} that {t} in {c} had become its main concern.",
            f"\"We will not give up on {t},\" {p.split()[-1]} {rng.choice(VERBS)} in {one('city')}.",
            f"Delegations from {c} and {one('place')} arrived in {one('city')} for a meeting with {o}.",
            f"{p.split()[-1]} has led {o} since it moved to {one('city')}.",
        ]
        return rng.choice(forms)

    start = datetime.date(2020, 1, 1).toordinal()
    days = datetime.date(2025, 12, 31).toordinal() - start
    out = sys.stdout
    for n in range(args.count):
        cast = {"person": [person.pick() for _ in range(3)], "org": [org.pick() for _ in range(2)],
                "place": [place.pick() for _ in range(3)], "city": [city.pick() for _ in range(2)]}
        sentences = []
        for _ in range(rng.randint(18, 34)):
            r = rng.random()
            sentences.append(rng.choice(money) if r < 0.2 else rng.choice(dates) if r < 0.4 else named_sentence(cast))
        paragraphs, i = [], 0
        while i < len(sentences):
            k = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[i:i + k]))
            i += k
        subject = cast["place"][0]
        title = f"{subject}: {rng.choice(TOPICS)} {rng.choice(['in focus', 'under pressure', 'after talks', 'again'])}"
        source = rng.choice(sources)
        article = {
            "title": title,
            "text": "\n\n".join(paragraphs),
            "source": source,
            "url": f"https://news.example/{source.lower().replace(' ', '-')}/{args.seed}-{n}",
            "published_at": datetime.date.fromordinal(start + rng.randrange(days)).isoformat(),
        }
        out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
