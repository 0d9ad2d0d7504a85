@testable import EntityExtraction

/// Short texts with their name spans (as the tagger would give them) and the exact entities
/// the identity stage must make of them: `name|key: mention|mention…`, in order of first mention.
/// Negative cases are the ones whose mentions must stay apart.
enum IdentityCorpus {
    struct Case {
        var text: String
        var names: [(String, EntityType)]
        var expected: [String]
    }

    static let titles: [Case] = [
        Case(text: "Mr Putin met President Joe Biden. Putin and Biden spoke.",
             names: [("Mr Putin", .person), ("President Joe Biden", .person), ("Putin", .person), ("Biden", .person)],
             expected: ["Putin|putin: Mr Putin|Putin", "Joe Biden|joe biden: President Joe Biden|Biden"]),
        Case(text: "Crown Prince Mohammed bin Salman arrived; Mohammed bin Salman's aides followed.",
             names: [("Crown Prince Mohammed bin Salman", .person), ("Mohammed bin Salman's", .person)],
             expected: ["Mohammed bin Salman|mohammed bin salman: Crown Prince Mohammed bin Salman|Mohammed bin Salman's"]),
        Case(text: "Prime Minister Sir Keir Starmer and Secretary of State Antony Blinken met Dr. Fauci.",
             names: [("Prime Minister Sir Keir Starmer", .person), ("Secretary of State Antony Blinken", .person), ("Dr. Fauci", .person)],
             expected: ["Keir Starmer|keir starmer: Prime Minister Sir Keir Starmer",
                        "Antony Blinken|antony blinken: Secretary of State Antony Blinken", "Fauci|fauci: Dr. Fauci"]),
        // A person named only by title and surname keeps a one-word key: the store joins it.
        Case(text: "President Trump said Trump's plan works.",
             names: [("President Trump", .person), ("Trump's", .person)],
             expected: ["Trump|trump: President Trump|Trump's"]),
        // Negative: a title alone is a name; titles leave only people's names.
        Case(text: "The President spoke. General Motors and General Electric fell.",
             names: [("President", .person), ("General Motors", .organisation), ("General Electric", .organisation)],
             expected: ["President|president: President", "General Motors|general motors: General Motors",
                        "General Electric|general electric: General Electric"]),
        // Negative: a title inside a name is not stripped (`Martin Luther King`).
        Case(text: "Martin Luther King spoke before King Charles.",
             names: [("Martin Luther King", .person), ("King Charles", .person)],
             expected: ["Martin Luther King|martin luther king: Martin Luther King", "Charles|charles: King Charles"]),
    ]

    static let surnames: [Case] = [
        Case(text: "Jens Stoltenberg said on Monday. Stoltenberg added that Mr Stoltenberg's term ends.",
             names: [("Jens Stoltenberg", .person), ("Stoltenberg", .person), ("Mr Stoltenberg's", .person)],
             expected: ["Jens Stoltenberg|jens stoltenberg: Jens Stoltenberg|Stoltenberg|Mr Stoltenberg's"]),
        // Negative: two people of one surname; the surname alone could be either.
        Case(text: "Boris Johnson praised Lyndon Johnson. Johnson smiled.",
             names: [("Boris Johnson", .person), ("Lyndon Johnson", .person), ("Johnson", .person)],
             expected: ["Boris Johnson|boris johnson: Boris Johnson", "Lyndon Johnson|lyndon johnson: Lyndon Johnson",
                        "Johnson|johnson: Johnson"]),
        // A middle name or initial: first and last name join the fuller name, so the surname has one person to join.
        Case(text: "Donald J. Trump spoke. Donald Trump's aide said Trump left.",
             names: [("Donald J. Trump", .person), ("Donald Trump's", .person), ("Trump", .person)],
             expected: ["Donald J. Trump|donald j trump: Donald J. Trump|Donald Trump's|Trump"]),
        // Negative: two fuller names with that first and last name; `George Bush` could be either.
        Case(text: "George H. W. Bush and George W. Bush met George Bush.",
             names: [("George H. W. Bush", .person), ("George W. Bush", .person), ("George Bush", .person)],
             expected: ["George H. W. Bush|george h w bush: George H. W. Bush", "George W. Bush|george w bush: George W. Bush",
                        "George Bush|george bush: George Bush"]),
        // Negative: a place is not a person's surname.
        Case(text: "Denzel Washington flew to Washington.",
             names: [("Denzel Washington", .person), ("Washington", .place)],
             expected: ["Denzel Washington|denzel washington: Denzel Washington", "Washington|washington: Washington"]),
        // The last two words join too; a first name alone does not.
        Case(text: "Mohammed bin Salman met bin Salman's cousin Mohammed.",
             names: [("Mohammed bin Salman", .person), ("bin Salman's", .person), ("Mohammed", .person)],
             expected: ["Mohammed bin Salman|mohammed bin salman: Mohammed bin Salman|bin Salman's", "Mohammed|mohammed: Mohammed"]),
    ]

    static let acronyms: [Case] = [
        Case(text: "The Institute for the Study of War said. ISW analysts agreed.",
             names: [("The Institute for the Study of War", .organisation), ("ISW", .organisation)],
             expected: ["Institute for the Study of War|institute for the study of war: The Institute for the Study of War|ISW"]),
        Case(text: "The Department of Defense replied; the DoD declined.",
             names: [("The Department of Defense", .organisation), ("DoD", .organisation)],
             expected: ["Department of Defense|department of defense: The Department of Defense|DoD"]),
        // A definition in brackets needs the letters in order only; then every mention joins.
        Case(text: "The Organisation for Economic Co-operation and Development (OECD) warned. The OECD said.",
             names: [("The Organisation for Economic Co-operation and Development", .organisation), ("OECD", .organisation),
                     ("OECD", .organisation)],
             expected: ["Organisation for Economic Co-operation and Development|organisation for economic co operation and development: "
                        + "The Organisation for Economic Co-operation and Development|OECD|OECD"]),
        Case(text: "NABU said. Officials of NABU (National Anti-Corruption Bureau of Ukraine) spoke.",
             names: [("NABU", .organisation), ("NABU", .organisation), ("National Anti-Corruption Bureau of Ukraine", .organisation)],
             expected: ["National Anti-Corruption Bureau of Ukraine|national anti corruption bureau of ukraine: "
                        + "NABU|NABU|National Anti-Corruption Bureau of Ukraine"]),
        // Negative: initials that do not match, and an acronym with no expansion in the text.
        Case(text: "Alpha Beta Corp met AC and XYZ.",
             names: [("Alpha Beta Corp", .organisation), ("AC", .organisation), ("XYZ", .organisation)],
             expected: ["Alpha Beta Corp|alpha beta corp: Alpha Beta Corp", "AC|ac: AC", "XYZ|xyz: XYZ"]),
        // Negative: brackets around letters that are not the name's.
        Case(text: "The Royal Navy (QZX) sailed.",
             names: [("The Royal Navy", .organisation), ("QZX", .organisation)],
             expected: ["Royal Navy|royal navy: The Royal Navy", "QZX|qzx: QZX"]),
    ]

    static let aliases: [Case] = [
        Case(text: "The US and the U.S. and the USA, the United States and America.",
             names: [("US", .place), ("U.S.", .place), ("USA", .place), ("the United States", .place), ("America", .place)],
             expected: ["United States|united states: US|U.S.|USA|the United States|America"]),
        Case(text: "Britain, the UK and the United Kingdom; Russia's and the Russian Federation.",
             names: [("Britain", .place), ("UK", .place), ("the United Kingdom", .place), ("Russia's", .place),
                     ("the Russian Federation", .place)],
             expected: ["United Kingdom|united kingdom: Britain|UK|the United Kingdom",
                        "Russian Federation|russia: Russia's|the Russian Federation"]),
        Case(text: "NATO, Nato and the North Atlantic Treaty Organization.",
             names: [("NATO", .organisation), ("Nato", .organisation), ("the North Atlantic Treaty Organization", .organisation)],
             expected: ["North Atlantic Treaty Organization|nato: NATO|Nato|the North Atlantic Treaty Organization"]),
        // Negative: a part of a country is a place of its own. An alias alone is named by what it stands for.
        Case(text: "England and the UK.",
             names: [("England", .place), ("UK", .place)],
             expected: ["England|england: England", "United Kingdom|united kingdom: UK"]),
        // A country's alias makes a place of an organisation-tagged mention, never of a person.
        Case(text: "US said. Jools Holland played; Holland won in the Netherlands.",
             names: [("US", .organisation), ("Jools Holland", .person), ("Holland", .person), ("Netherlands", .place)],
             expected: ["United States|united states: US", "Jools Holland|jools holland: Jools Holland|Holland",
                        "Netherlands|netherlands: Netherlands"]),
        Case(text: "The Fed said. America agreed; the US too.",
             names: [("Fed", .organisation), ("America", .place), ("US", .place)],
             expected: ["Federal Reserve|federal reserve: Fed", "United States|united states: America|US"]),
    ]
}
