from ltc_tui.cli import main

main()
