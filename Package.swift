// swift-tools-version: 6.2
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "syscraft",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "syscraft", targets: ["syscraft"]),
        .library(name: "SyscraftCore", targets: ["SyscraftCore"]),
        .library(name: "SyscraftExec", targets: ["SyscraftExec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure: models, parsers, layout detection, patch planning. No processes, no writes.
        .target(name: "SyscraftCore", swiftSettings: settings),
        // prctl(PR_SET_CHILD_SUBREAPER) for the process teardown: prctl is variadic, which Swift cannot call.
        .target(name: "CSyscraftShims"),
        // Effects: processes, files, kernel builds, QEMU.
        .target(
            name: "SyscraftExec",
            dependencies: [
                "SyscraftCore", "CSyscraftShims",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        // The command surface, as a library so tests can drive it.
        .target(
            name: "SyscraftCommands",
            dependencies: [
                "SyscraftCore", "SyscraftExec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(name: "syscraft", dependencies: ["SyscraftCommands"], swiftSettings: settings),
        // The tests' child processes (posix_spawn and waitpid, with deadlines): see HostProcess.
        .target(name: "SyscraftTestSupport", path: "Tests/SyscraftTestSupport", swiftSettings: settings),
        .testTarget(name: "SyscraftCoreTests", dependencies: ["SyscraftCore", "SyscraftTestSupport"], resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(name: "SyscraftExecTests", dependencies: ["SyscraftExec", "SyscraftCommands", "SyscraftTestSupport"], swiftSettings: settings),
        .testTarget(name: "SyscraftIntegrationTests", dependencies: ["SyscraftExec", "SyscraftCommands", "SyscraftTestSupport"], swiftSettings: settings),
    ]
)
