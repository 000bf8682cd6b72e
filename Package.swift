// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Extension members of a module are visible only in files that import it
    // (TOMLKit's `string` once shadowed one of ours in another file).
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "noticed",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "noticed", targets: ["noticed"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C libraries from Debian, through system-library targets.
        // ICU behind a plain-C shim (its headers clash with Foundation's bundled ICU).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "COpenCC", pkgConfig: "opencc", providers: [.apt(["libopencc-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),
        // libxml2 (libxml2-dev)'s HTML parser behind a plain-C shim: its headers pull in ICU's,
        // which clash with Foundation's bundled ICU (as CICU's do).
        .target(
            name: "CHTML", cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]),
        // DOCX: libarchive (libarchive-dev) opens the ZIP, libxml2's streaming reader takes the
        // text; plain C, both fuzzed upstream.
        .target(
            name: "CDocx", cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("archive"), .linkedLibrary("xml2")]),
        // PDF's text layer: poppler (libpoppler-cpp-dev, C++) behind a plain-C shim.
        .target(
            name: "CPDF", cxxSettings: [.unsafeFlags(["-I/usr/include/poppler/cpp", "-I/usr/include/poppler"])],
            linkerSettings: [.linkedLibrary("poppler-cpp")]),
        // An FTS5 auxiliary function in C (FTS5's extension API has no Swift face in GRDB).
        .target(name: "CRank", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Crash and hang signals mark the daemon's in-flight file (a handler must be async-signal-safe).
        .target(name: "CCrashMark"),
        // RE2 (libre2-dev, C++) behind a plain-C shim: operator regexes matched in linear time.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),

        // What a notice is, at every stage: values only (Sources/Pipeline/Model).
        .target(name: "NoticeModel", dependencies: ["CCrypto"], path: "Sources/Pipeline/Model", swiftSettings: strict),
        // The four stages, pure and synchronous: no GRDB, no Dispatch, no file system, no clock.
        .target(
            name: "Pipeline",
            dependencies: [
                "NoticeModel", "CICU", "CRE2", "CHTML", "CDocx", "CPDF", .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            path: "Sources/Pipeline/Stages",
            swiftSettings: strict
        ),
        // The store: SQLite through GRDB, schema, search, clusters, the indexer; model types only.
        .target(
            name: "Store",
            dependencies: ["NoticeModel", "CZlib", "CRank", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/Pipeline/Persistence",
            swiftSettings: strict
        ),
        // The PostgreSQL store behind the same `NoticeStoring` boundary (issue 18): postgres-nio,
        // the same rows, bigram tokens and ranking as the SQLite store, shared through `package`.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Damaged-copy generator and the OpenCC reference converter: shared by tests and the benchmark.
        .target(
            name: "Corpus", dependencies: ["Pipeline", "COpenCC", "CICU"], path: "Tools/Corpus", swiftSettings: strict),
        // The daemon's logic, a library the tests import: the system layer, config, spool,
        // watcher, scheduler, committer, lifecycle, logging and the state file.
        .target(
            name: "Daemon",
            dependencies: [
                "Pipeline", "Store", "CSystemd", "CCrashMark",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // Opening a store by its `database` setting, SQLite or PostgreSQL: the one place that
        // links both backends, kept out of Daemon so the sanitised fuzz build has no NIO in it.
        .target(name: "Backends", dependencies: ["Daemon", "Store", "PostgresStore"], swiftSettings: strict),
        // The analysts' page and HTTP API (`noticed web`): Hummingbird over a read-only store
        // (either backend, opened through Backends),
        // pages from Mustache templates compiled into the binary.
        .target(
            name: "Web",
            dependencies: [
                "Store", "Pipeline", "Daemon", "Backends",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The executable: thin ArgumentParser commands over Daemon, Store and Web.
        .executableTarget(
            name: "noticed",
            dependencies: [
                "Daemon", "Backends", "Pipeline", "Store", "Web", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Driving the real daemon from outside: shared by the benchmark, the proof harnesses and the tests.
        .target(
            name: "TestKit", dependencies: ["Pipeline", "Daemon", "Backends", "Corpus", "CZlib", "PostgresStore"],
            path: "Tools/TestKit",
            swiftSettings: strict),
        .executableTarget(
            name: "noticed-bench",
            dependencies: [
                "Pipeline", "Store", "Daemon", "Backends", "Corpus", "TestKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/Bench",
            swiftSettings: strict
        ),
        // Crash, fault and soak harnesses (issue 6): `make crashtest`, `make faulttest`, `make soak`.
        .executableTarget(
            name: "noticed-proof",
            dependencies: [
                "Pipeline", "Store", "Daemon", "Corpus", "TestKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/Proof",
            swiftSettings: strict
        ),
        // Fuzz targets (`make fuzz`): the inputs-to-stages functions, and the libFuzzer entry points.
        .target(
            name: "FuzzKit", dependencies: ["Pipeline", "Store", "Daemon"], path: "Tools/FuzzKit", swiftSettings: strict
        ),
        .executableTarget(name: "noticed-fuzz", dependencies: ["FuzzKit"], path: "Tools/Fuzz", swiftSettings: strict),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Corpus", "TestKit", "FuzzKit"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Pipeline", "TestKit", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // The PostgreSQL store against a private server (scripts/with-postgres.sh), and its parity
        // with the SQLite store on the same corpus.
        .testTarget(
            name: "PostgresTests",
            dependencies: ["PostgresStore", "Store", "Pipeline", "Corpus", "TestKit"],
            swiftSettings: strict
        ),
        // Unit tests of the daemon's logic, in process: no binary is started.
        .testTarget(
            name: "DaemonTests",
            dependencies: ["Daemon", "Pipeline", "Store", "TestKit", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The web server in process (HummingbirdTesting), over stores the tests fill.
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Store", "Pipeline", "TestKit", "Backends",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The real binary on temporary spools and databases.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Pipeline", "Store", "Daemon", "Backends", "Corpus", "TestKit", "PostgresStore"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
