import SyscraftCommands

@main
enum Entrypoint {
    static func main() async {
        await Syscraft.main()
    }
}
