using ClosedLoop.Controllers;
using ClosedLoop.Training.Optimizers;

namespace ClosedLoop.Training;

/// <summary>
/// Everything the epoch loop carries from one epoch to the next, taken between epochs: with it (and the run's
/// settings) <see cref="Trainer"/> continues exactly as if it had never stopped. The monitors keep no state across
/// epochs (their evaluation sets are drawn afresh from the evaluation seed), so there is none to save for them.
/// Nothing here depends on the thread count.
/// </summary>
/// <param name="Epoch">Epochs done: the next epoch to run.</param>
/// <param name="Parameters">The current weights (every block).</param>
/// <param name="Initial">The weights the run started from.</param>
/// <param name="Optimizer">Step count and Adam moments.</param>
/// <param name="Streams">The training random streams by name (<c>train-ic</c>, <c>reference</c>, <c>openloop</c>, <c>noise</c>).</param>
/// <param name="NonFiniteEpochs">Epochs so far whose loss or gradient was not finite.</param>
/// <param name="BasisEpochs">Epochs so far simulated on a superposition basis.</param>
/// <param name="FirstNonFiniteEpoch">The first of those epochs, or null.</param>
public sealed record TrainingState(
    int Epoch,
    NetworkParameters Parameters,
    NetworkParameters Initial,
    OptimizerState Optimizer,
    IReadOnlyDictionary<string, ulong[]> Streams,
    int NonFiniteEpochs,
    int BasisEpochs,
    int? FirstNonFiniteEpoch);

/// <summary>What the epoch loop does when an epoch's loss or gradient is not finite (NaN or ±∞).</summary>
public enum DivergencePolicy
{
    /// <summary>Skip that update and keep training (the default; docs/engine.md "Overflow and NaN").</summary>
    Continue,
    /// <summary>Record that epoch and stop (<c>train --stop-on-divergence</c>); the run is still written completely.</summary>
    Stop,
}

/// <summary>How a call of <see cref="Trainer.Run"/> ended.</summary>
public enum TrainingEnd
{
    /// <summary>Every epoch of the settings ran.</summary>
    Completed,
    /// <summary>Stopped after the first non-finite epoch (<see cref="DivergencePolicy.Stop"/>).</summary>
    StoppedOnDivergence,
    /// <summary>Cancelled between epochs (SIGINT, SIGTERM); the observers received a checkpoint of the state.</summary>
    Interrupted,
}
