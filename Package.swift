// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "taxa",
    products: [
        .executable(name: "taxa", targets: ["taxa"]),
        .library(name: "TaxaCore", targets: ["TaxaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Property tests with shrinking (test target only).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // jansson, wrapped once: the module map plus `static inline` shims for its macros.
        .systemLibrary(
            name: "CJansson",
            pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"])]
        ),
        // libcrypto (OpenSSL), linked as jansson is: SHA-256 for every digest (see SHA256.swift).
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // A per-thread bump allocator for the trees of requests (see JSONDocument.swift).
        .target(name: "CParseArena"),
        // All logic: contract, tariff model and loading, fee rules, the stream service.
        .target(
            name: "TaxaCore",
            dependencies: ["CJansson", "CCrypto", "CParseArena"]
        ),
        // The thin command-line shell over TaxaCore.
        .executableTarget(
            name: "taxa",
            dependencies: [
                "TaxaCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]
        ),
        // Writes the schema's block definitions and the docs' block reference from the blocks'
        // declarations (swift run generate-vocabulary; a test fails when they are stale).
        .executableTarget(name: "generate-vocabulary", dependencies: ["TaxaCore"]),
        // Records the commit taxa is built from, for `taxa --version` (scripts/build-info).
        .plugin(name: "BuildInfo", capability: .buildTool()),
        .testTarget(
            name: "TaxaCoreTests",
            dependencies: [
                "TaxaCore", "taxa",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
