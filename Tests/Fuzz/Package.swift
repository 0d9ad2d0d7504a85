// swift-tools-version:6.0
// libFuzzer targets, kept out of the main package so `swift build` and `swift test` there
// never need sanitizers. Build and run one with ../Fuzz/run-fuzz.sh TARGET SECONDS.
import PackageDescription

let package = Package(
    name: "article-entities-fuzz",
    dependencies: [.package(name: "article-entities", path: "../..")],
    targets: [
        // Hands each target's callback to libFuzzer (see FuzzDriver.swift for why).
        .target(name: "FuzzDriver"),
        // The HTTP/1.1 request parser: head reader, chunk-size lines, bodies, pipelining.
        .executableTarget(name: "FuzzHTTPParser", dependencies: [
            "FuzzDriver",
            .product(name: "HTTPServer", package: "article-entities"),
        ]),
        // The strict request JSON decoder, as ArticleSubmission reaches it.
        .executableTarget(name: "FuzzRequestJSON", dependencies: [
            "FuzzDriver",
            .product(name: "ArticleAPI", package: "article-entities"),
            .product(name: "HTTPServer", package: "article-entities"),
        ]),
        // The whole extraction pipeline with the bundled name model.
        .executableTarget(name: "FuzzExtraction", dependencies: [
            "FuzzDriver",
            .product(name: "EntityExtraction", package: "article-entities"),
        ]),
    ]
)
