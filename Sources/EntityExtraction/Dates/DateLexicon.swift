/// The English words dates are made of: months, weekdays, numbers, ordinals, units and
/// the relative words that shift them. Plain data, looked up by lower-cased token text
/// with any abbreviation dot removed.
enum DateLexicon {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    ]

    /// Month words that are also everyday words (`may`, `march`) or short enough to be
    /// something else (`jan`, `dec`): they count only with a day, a year or a date preposition.
    static let ambiguousMonths: Set<String> = ["may", "march", "mar", "jan", "jun", "jul", "dec", "sep", "apr", "aug"]

    /// ISO weekday numbers: 1 = Monday.
    static let weekdays: [String: Int] = [
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
        "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
        "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
    ]
    /// Weekday words that count as weekdays only before a date (`Sun` is also a newspaper).
    static let abbreviatedWeekdays: Set<String> = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]

    static let weekdayPlurals: [String: Int] = [
        "mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
    ]

    static let cardinals: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let tens: Set<String> = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    /// Vague counts: `a few days ago` is three days back, as the peer recognizers read it.
    static let vagueCounts: [String: Int] = ["few": 3, "several": 3, "couple": 2, "many": 3]

    /// Units of time and their grains (`fortnight` is two weeks).
    static let units: [String: TimeUnit] = [
        "day": .day, "days": .day, "week": .week, "weeks": .week, "fortnight": .fortnight,
        "fortnights": .fortnight, "month": .month, "months": .month, "quarter": .quarter,
        "quarters": .quarter, "year": .year, "years": .year, "yr": .year, "yrs": .year,
        "decade": .decade, "decades": .decade, "century": .century, "centuries": .century,
    ]

    /// Words that turn a calendar unit into a period relative to the reference.
    static let shifts: [String: Int] = [
        "this": 0, "current": 0, "next": 1, "coming": 1, "upcoming": 1, "following": 1,
        "last": -1, "previous": -1, "past": -1, "preceding": -1, "prior": -1,
    ]

    /// Adjectives of frequency and length that OntoNotes marks as dates.
    static let frequencyWords: Set<String> = [
        "annual", "annually", "daily", "weekly", "monthly", "quarterly", "yearly", "biweekly",
        "biannual", "semiannual", "semiannually", "nightly",
    ]

    static let seasons: [String: Int] = [
        "spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12,
    ]

    static let decadeWords: [String: Int] = [
        "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
        "seventies": 70, "eighties": 80, "nineties": 90,
    ]

    /// Words that, anywhere in the sentence, say a bare weekday or month lies ahead.
    static let futureCues: Set<String> = [
        "will", "shall", "next", "upcoming", "due", "plans", "planned", "planning",
        "scheduled", "expected", "expects", "expect", "tomorrow", "coming",
        "ahead", "forthcoming", "intends", "aims", "until", "till", "would", "won't", "going",
    ]

    /// Words that say the sentence tells of the past.
    static let pastCues: Set<String> = [
        "was", "were", "had", "did", "said", "told", "began", "ago", "last", "yesterday",
        "earlier", "came", "went", "met", "took", "gave", "made", "saw", "left", "won", "lost",
        "fell", "rose", "sold", "bought", "paid", "spent", "wrote", "spoke", "held", "got",
        "struck", "hit", "set", "became", "found", "brought", "kept", "led", "ran", "shot",
    ]

    /// Words before a bare month or year that make it a date (`in May`, `since 2019`).
    static let datePrepositions: Set<String> = [
        "in", "on", "of", "since", "until", "till", "by", "from", "to", "through", "thru",
        "during", "before", "after", "between", "and", "or", "last", "next", "this", "early",
        "late", "mid", "around", "circa", "as", "at", "for", "throughout", "into", "fiscal",
        "calendar", "year", "each", "every", "past", "beginning", "end", "middle",
        "start", "starting", "ending", "spring", "summer", "fall", "autumn", "winter",
    ]
}

extension DateLexicon {
    /// Starters that are everyday function words: a date starts there only when a date
    /// word or a number follows.
    static let leadWords: Set<String> = [
        "the", "a", "an", "my", "in", "that", "all", "each", "every", "its", "his", "her", "their",
        "some", "more", "less", "fewer", "at", "up", "about", "only", "just", "another", "from",
        "between", "this", "these", "within", "early", "mid", "late", "earlier", "later", "fiscal",
        "calendar", "around", "nearly", "almost", "roughly", "approximately", "same", "other",
        "whole", "entire", "full", "final", "current", "recent", "coming", "past", "last", "next",
        "previous", "following", "prior", "preceding", "upcoming", "good", "black", "new", "end",
        "beginning", "start", "middle", "close", "turn", "rest", "remainder", "remaining", "half",
        "international", "independence", "earth", "freedom", "jubilee", "boxing", "labor", "labour",
        "memorial", "valentine", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "first", "second", "third", "fourth", "q", "h", "date",
    ]

    /// Every word a date expression can begin with; other words are skipped at once.
    static let starters: Set<String> = {
        var s = Set<String>()
        s.formUnion(months.keys); s.formUnion(weekdays.keys); s.formUnion(weekdayPlurals.keys)
        s.formUnion(cardinals.keys); s.formUnion(ordinals.keys); s.formUnion(vagueCounts.keys)
        s.formUnion(units.keys); s.formUnion(shifts.keys); s.formUnion(frequencyWords)
        s.formUnion(seasons.keys); s.formUnion(decadeWords.keys)
        s.formUnion(["today", "otd", "tonight", "tomorrow", "tmrw", "tmr", "yesterday", "now", "date"])
        s.formUnion(["about", "just", "only", "nearly", "almost", "some", "around", "another", "approximately",
                     "roughly", "more", "less", "at", "up", "fewer"])
        s.formUnion(["the", "a", "an", "my", "between", "from", "in", "within", "early", "mid", "late",
                     "earlier", "later", "rest", "remainder", "remaining", "fiscal", "calendar", "fy",
                     "each", "every", "all", "that", "these", "recent", "half", "full", "q", "h", "this",
                     "its", "his", "her", "their", "whole", "entire", "same", "other", "end", "beginning",
                     "start", "middle", "close", "turn", "final", "weekend", "workweek", "noughties", "week",
                     "christmas", "xmas", "boxing", "new", "halloween", "valentine", "independence", "earth",
                     "juneteenth", "freedom", "jubilee", "international", "easter", "good", "thanksgiving",
                     "black", "labor", "labour", "memorial", "current", "years", "decades", "months", "days",
                     "latest", "age", "previous", "prior"])
        return s
    }()
}

/// A unit of time as counted in `two weeks ago` or `the next 3 quarters`.
enum TimeUnit: Sendable {
    case day, week, fortnight, month, quarter, year, decade, century
}

extension DateLexicon {
    /// Words before a number that make it a year rather than a count (`the 1989 models`).
    static let determiners: Set<String> = [
        "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "all", "many", "big",
        "this", "that", "these", "those", "s", "every", "each", "any", "some",
    ]

    /// Lower-case words that may follow a bare year (`2019 and 2020`, `2019 was`); any
    /// other word after a number makes it a count (`2000 pieces`).
    static let yearFollowers: Set<String> = [
        "and", "or", "to", "through", "till", "until", "was", "were", "is", "will", "has", "had",
        "when", "with", "as", "in", "on", "at", "for", "from", "of", "by", "after", "before",
        "but", "the", "a", "an", "that", "which", "while", "because", "so", "since", "compared",
        "levels", "level", "season", "budget", "election", "elections", "results", "figures",
        "earnings", "sales", "profit", "revenue", "model", "fiscal", "financial", "levels",
        "s", "q1", "q2", "q3", "q4", "h1", "h2", "ended", "ending", "saw", "marked", "brought",
        "also", "alone", "versus", "vs", "against", "onward", "onwards", "there", "it", "he",
        "she", "they", "we", "i", "this", "these", "those", "its", "their", "his", "her",
    ]

    /// Time-zone abbreviations after a 24-hour clock time (`until 2000 EST`, `at 1400 GMT`).
    static let clockZones: Set<String> = [
        "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "hst", "ast", "adt", "nst",
        "gmt", "utc", "bst", "wet", "cet", "cest", "eet", "eest", "msk", "ist", "pkt", "ict",
        "wib", "sgt", "hkt", "cct", "jst", "kst", "awst", "acst", "aest", "aedt", "nzst", "nzdt",
    ]

    /// Words ending in -est that are no superlative (`interest`, `protest`).
    static let estNouns: Set<String> = [
        "interest", "interests", "forest", "protest", "request", "arrest", "harvest", "honest", "modest",
        "contest", "suggest", "invest", "digest", "manifest", "conquest", "inquest", "behest", "bequest",
        "unrest", "midwest", "southwest", "northwest", "everest", "budapest", "bucharest", "priest",
        "tempest", "earnest", "attest", "detest", "divest", "infest", "molest", "retest",
    ]

    /// A superlative (`biggest`, `worst`, `most`, `first`): a length after it is measured
    /// back to it (`the biggest fall in a month`), not counted ahead.
    static func isSuperlative(_ word: String) -> Bool {
        if WordList("best worst most least first").contains(word) { return true }
        return word.count >= 6 && word.hasASCIISuffix("est") && !estNouns.contains(word)
    }
}
