"""Named presets: the 32 nm node and the two synaptic cells of the paper's Methods table.

Each preset is one dataclass instance that cites its source. Cell values are the paper's 'Circuit
implementation simulation' table (Song et al., Nature Electronics 3, 148 (2020), Methods); the RRAM row there
is taken from Chen & Yu, IEEE TED 62, 4022 (2015) (paper ref. 34). Technology values are typical 32 nm
high-performance bulk CMOS figures (order of the ITRS HP roadmap used by NeuroSim's 32 nm node) and the 32 nm
wire values of DNN+NeuroSim V1.4 (nn_chip.md sec. 2); none is fitted to a result.

Checked against NeuroSim's own 32 nm HP table (Technology.cpp, MASTAR 5 hp-bulk-2012, 300 K): V_dd 0.9 V agrees;
its V_th is 0.132 V (ours 0.3), I_on 1786 A/m (ours 1200), I_off 0.834 A/m (ours 0.1), gate capacitance 0.93 nF/m
(ours 1.0). With its values `skybench chip` gives leakage 64 / 134 mW (RRAM / skyrmion, against 8.1 / 17.3) and
2.45 / 1.20 TOPS/W (against 12.3 / 6.53): our all-transistor leakage sum is then far above NeuroSim's per-array
figure, so its HP off-current is not adopted until the periphery leakage model counts only what NeuroSim counts.
"""
from __future__ import annotations

from nn.chip.cell import Cell
from nn.chip.technology import Technology
from nn.chip.write_path import SharedWritePath, TrackWritePath

TECH_32NM = Technology(
    name="32nm",
    F=32e-9,                         # m, paper Methods: feature size 32 nm
    vdd=0.9,                         # V, 32 nm HP logic supply (ITRS HP)
    v_th=0.3,                        # V, NMOS threshold (assumed typical HP value)
    min_width_F=2.0,                 # 64 nm minimum width (assumed)
    gate_capacitance=1.0e-9,         # F/m = 1 fF/um incl. overlap and fringe (assumed typical)
    drain_capacitance=0.6e-9,        # F/m = 0.6 fF/um (assumed typical)
    on_current=1.2e3,                # A/m = 1.2 mA/um NMOS (ITRS HP order)
    off_current=0.1,                 # A/m = 100 nA/um (ITRS HP order)
    off_state_fraction=0.5,          # half of static-CMOS transistors off at a time
    wiring_area_factor=1.44,         # DNN+NeuroSim V1.4 wiring-area calibration alpha (nn_chip.md sec. 2)
    wire_width=56e-9,                # m, DNN+NeuroSim V1.4 32 nm metal width (nn_chip.md sec. 2)
    wire_aspect_ratio=1.8,           # DNN+NeuroSim V1.4 32 nm (nn_chip.md sec. 2)
    wire_barrier=4e-9,               # m, DNN+NeuroSim V1.4 32 nm (nn_chip.md sec. 2)
    wire_resistivity=2.63e-8,        # Ohm m, DNN+NeuroSim V1.4 32 nm (nn_chip.md sec. 2)
    wire_capacitance=0.2e-15 / 1e-6, # F/m = 0.2 fF/um, MLP+NeuroSim capCol (nn_chip.md sec. 1)
    mom_capacitance_density=2e-3,    # F/m^2 = 2 fF/um^2 stacked MOM capacitor (assumed typical)
    sram_cell_area_F2=146.0,         # 6T cell ~0.15 um^2 at 32 nm = 146 F^2 (assumed typical)
    source="32 nm HP CMOS (typical ITRS-order values, assumed) + DNN+NeuroSim V1.4 32 nm wires",
)

RRAM_1T1R = Cell(
    name="rram",
    R_on=10e3, R_off=100e3,          # Ohm, paper Methods table (ResistanceOn/Off)
    V_read=0.1, t_read=1e-9,         # V, s, paper Methods table (Read Voltage, Read Pulse Width)
    V_access=1.4,                    # V, paper Methods table (Access Voltage)
    V_write=1.8, t_write=1e-9,       # V, s, paper Methods table (Write Voltage, Write Pulse Width)
    height_F=5.0, width_F=23.0,      # paper Methods table (Cell Height, Cell Width)
    cell_bits=5, n_states=32,        # paper Methods table (Cell bit, Number of States)
    write_path=SharedWritePath(),    # 1T1R: read and write share the memristor and its transistor
    source="Song et al. 2020, Methods 'Circuit implementation simulation' (RRAM from paper ref. 34)",
)

SKYRMION_2T1R = Cell(
    name="skyrmion",
    R_on=3e3, R_off=9e3,             # Ohm, paper Methods table (MTJ read, TMR 200 %)
    V_read=0.05, t_read=1e-9,        # V, s, paper Methods table
    V_access=1.0,                    # V, paper Methods table
    V_write=0.03, t_write=0.05e-9,   # V (30 mV), s (0.05 ns), paper Methods table
    height_F=14.0, width_F=44.0,     # paper Methods table
    cell_bits=5, n_states=32,        # paper Methods table
    # 2T1R (paper Fig. 4a): a write transistor drives the skyrmion track, the read transistor the MTJ.
    # The track resistance is not in the paper; 3 kOhm (= R_on, the conductance NeuroSim+ would price the
    # write with) passes 30 mV / 3 kOhm = 10 uA, i.e. the Methods' 4e10 A/m^2 in a 150 nm wide track over
    # 1.7 nm of conducting thickness, comparable to the heavy-metal layer. Assumed; swept in sweep.png.
    write_path=TrackWritePath(R_track=3e3),
    source="Song et al. 2020, Methods 'Circuit implementation simulation' and Fig. 4a (2T1R)",
)

CELLS = (RRAM_1T1R, SKYRMION_2T1R)
"""The two technologies compared by default (paper Table S1)."""
