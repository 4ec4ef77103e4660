// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "taxa",
    products: [
        .executable(name: "taxa", targets: ["taxa"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Property tests with shrinking (test target only).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Reads and writes with EINTR retried and errno kept (TaxaBase's SystemCall only).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
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
        // The layers, each using only those above it in this list (docs/architecture.md).
        // Exact money, civil dates, JSON over jansson, Swedish number text, digests, system calls.
        .target(
            name: "TaxaBase",
            dependencies: [
                "CJansson", "CCrypto", "CParseArena",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The tariff model and its loader, the rule vocabulary (blocks) and the engine that prices items.
        .target(name: "TaxaEngine", dependencies: ["TaxaBase"]),
        // The request forms (items, hourly entries, per-capita months, percentage), the result
        // writer, and the processor that answers one request line.
        .target(name: "TaxaForms", dependencies: ["TaxaBase", "TaxaEngine"]),
        // The stream service: line reader, output sink, `--jobs` workers, signals and reload.
        .target(name: "TaxaService", dependencies: ["TaxaBase", "TaxaEngine", "TaxaForms"]),
        // The office tools: check, rates, schema, publish, impact, index add.
        .target(name: "TaxaOffice", dependencies: ["TaxaBase", "TaxaEngine", "TaxaForms", "TaxaService"]),
        // The thin command-line shell over the layers.
        .executableTarget(
            name: "taxa",
            dependencies: [
                "TaxaBase", "TaxaEngine", "TaxaForms", "TaxaService", "TaxaOffice",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]
        ),
        // Writes the schema's block definitions and the docs' block reference from the blocks'
        // declarations (swift run generate-vocabulary; a test fails when they are stale).
        .executableTarget(name: "generate-vocabulary", dependencies: ["TaxaBase", "TaxaEngine"]),
        // Records the commit taxa is built from, for `taxa --version` (scripts/build-info).
        .plugin(name: "BuildInfo", capability: .buildTool()),
        .testTarget(
            name: "TaxaCoreTests",
            dependencies: [
                "TaxaBase", "TaxaEngine", "TaxaForms", "TaxaService", "TaxaOffice", "taxa",
                // The parse arena's own state, which its tests look at directly.
                "CParseArena",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
