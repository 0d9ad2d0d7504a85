import Foundation

/// Entry point: dispatches to the subcommand named first.
let commands: [(name: String, summary: String, run: ([String]) throws -> Int32)] = [
    ("serve", ServeCommand.summary, ServeCommand.run),
    ("extract", ExtractCommand.summary, ExtractCommand.run),
    ("eval", EvalCommand.summary, EvalCommand.run),
    ("train", TrainCommand.summary, TrainCommand.run),
    ("reextract", ReextractCommand.summary, ReextractCommand.run),
    ("import", ImportCommand.summary, ImportCommand.run),
]

@MainActor func usage() -> String {
    var s = """
    article-entities: find the people, organisations, places, sums of money and dates in news
    articles, and keep a queryable record of them.

    USAGE: article-entities <command> [options]

    COMMANDS:

    """
    for c in commands { s += "  " + c.name.padding(toLength: 10, withPad: " ", startingAt: 0) + c.summary + "\n" }
    s += "\nRun 'article-entities <command> --help' for a command's options.\n"
    return s
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first else {
    StandardError.write(usage())
    exit(2)
}
if name == "--help" || name == "-h" || name == "help" {
    print(usage(), terminator: "")
    exit(0)
}
guard let command = commands.first(where: { $0.name == name }) else {
    StandardError.write("error: unknown command '\(name)'\n\n\(usage())")
    exit(2)
}
do {
    exit(try command.run(Array(arguments.dropFirst())))
} catch let error as UsageError {
    StandardError.write("error: \(error.message)\nRun 'article-entities \(name) --help' for usage.\n")
    exit(2)
} catch {
    StandardError.write("error: \(error)\n")
    exit(1)
}
