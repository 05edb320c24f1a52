import SyscraftCommands

await Syscraft.main()
