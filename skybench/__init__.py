"""skybench: an emulated lab bench for a magnetic-skyrmion artificial synapse.

`skybench.errors` and `skybench.outputs` are leaf modules that every room (emulator, instruments,
protocols, nn) may import; `skybench.cli` and `skybench.commands` sit on top and only wire rooms together.
"""
