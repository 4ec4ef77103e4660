import Foundation
import PackagePlugin

/// Before every build of the target, records which commit it is built from (see
/// scripts/build-info), so that `taxa --version` names it after a plain `swift build`.
@main struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [
            .prebuildCommand(
                displayName: "Recording the commit taxa is built from",
                executable: URL(fileURLWithPath: "/bin/bash"),
                arguments: [package.appending(path: "scripts/build-info").path, package.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
