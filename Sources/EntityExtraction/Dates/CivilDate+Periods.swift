/// Calendar arithmetic the date grammar needs: month and year steps that clamp the day
/// (`Jan 31` + 1 month = `Feb 29` in a leap year), and the periods that hold a day.
extension CivilDate {
    /// Adds months, clamping the day to the end of the target month.
    func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return CivilDate(year: y, month: m, day: Swift.min(day, CivilDate.daysIn(month: m, year: y)))!
    }

    func adding(years: Int) -> CivilDate { adding(months: years * 12) }

    func adding(_ count: Int, _ unit: TimeUnit) -> CivilDate {
        switch unit {
        case .day: return adding(days: count)
        case .week: return adding(days: 7 * count)
        case .fortnight: return adding(days: 14 * count)
        case .month: return adding(months: count)
        case .quarter: return adding(months: 3 * count)
        case .year: return adding(years: count)
        case .decade: return adding(years: 10 * count)
        case .century: return adding(years: 100 * count)
        }
    }

    /// The Monday of this day's ISO week.
    var weekStart: CivilDate { adding(days: 1 - weekday) }

    var firstOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1)! }
    var lastOfMonth: CivilDate { CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))! }
    var quarter: Int { (month - 1) / 3 + 1 }

    static func first(ofMonth month: Int, year: Int) -> CivilDate { CivilDate(year: year, month: month, day: 1)! }
    static func last(ofMonth month: Int, year: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: daysIn(month: month, year: year))!
    }
}

/// A resolved span of days, inclusive at both ends, with the grain that names it.
struct DatePeriod: Hashable, Sendable {
    var from: CivilDate
    var to: CivilDate
    var grain: DateGrain

    static func day(_ d: CivilDate) -> DatePeriod { DatePeriod(from: d, to: d, grain: .day) }
    static func week(containing d: CivilDate) -> DatePeriod {
        DatePeriod(from: d.weekStart, to: d.weekStart.adding(days: 6), grain: .week)
    }
    static func month(_ m: Int, of year: Int) -> DatePeriod {
        DatePeriod(from: .first(ofMonth: m, year: year), to: .last(ofMonth: m, year: year), grain: .month)
    }
    static func year(_ y: Int) -> DatePeriod {
        DatePeriod(from: .first(ofMonth: 1, year: y), to: .last(ofMonth: 12, year: y), grain: .year)
    }
    static func quarter(_ q: Int, of year: Int) -> DatePeriod {
        DatePeriod(from: .first(ofMonth: 3 * q - 2, year: year), to: .last(ofMonth: 3 * q, year: year), grain: .quarter)
    }
    static func half(_ h: Int, of year: Int) -> DatePeriod {
        DatePeriod(from: .first(ofMonth: 6 * h - 5, year: year), to: .last(ofMonth: 6 * h, year: year), grain: .half)
    }
    static func decade(_ start: Int) -> DatePeriod {
        DatePeriod(from: .first(ofMonth: 1, year: start), to: .last(ofMonth: 12, year: start + 9), grain: .decade)
    }
    static func century(_ start: Int) -> DatePeriod {
        DatePeriod(from: .first(ofMonth: 1, year: start), to: .last(ofMonth: 12, year: start + 99), grain: .century)
    }
    /// The calendar period of a unit that holds a day (weeks Monday to Sunday).
    static func unit(_ unit: TimeUnit, containing d: CivilDate) -> DatePeriod {
        switch unit {
        case .day: return .day(d)
        case .week: return .week(containing: d)
        case .fortnight: return DatePeriod(from: d.weekStart, to: d.weekStart.adding(days: 13), grain: .week)
        case .month: return .month(d.month, of: d.year)
        case .quarter: return .quarter(d.quarter, of: d.year)
        case .year: return .year(d.year)
        case .decade: return .decade(d.year - ((d.year % 10) + 10) % 10)
        case .century: return .century(d.year - ((d.year % 100) + 100) % 100)
        }
    }

    /// The value the API speaks: a single `YYYY-MM-DD`/`YYYY-MM`/`YYYY` when the period is
    /// exactly one day, month or year, else an inclusive from/to pair.
    var value: DateValue {
        if from == to { return DateValue(date: from.description, grain: .day) }
        if from.day == 1, to == from.lastOfMonth {
            return DateValue(date: String(from.description.prefix(7)), grain: .month)
        }
        if from.day == 1, from.month == 1, to.year == from.year, to.month == 12, to.day == 31 {
            return DateValue(date: String(from.description.prefix(4)), grain: .year)
        }
        return DateValue(from: from.description, to: to.description, grain: grain)
    }
}
