"""Live plots: loss, gradients, learning rates, data view, network view, landscapes."""
