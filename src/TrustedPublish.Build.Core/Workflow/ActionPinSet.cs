using System;
using System.Collections.Generic;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// The pins the generator writes, one per action it emits: the package's own (<see cref="ActionPins"/>), replaced by a
/// TrustedPublishActionPin item, then by the committed workflow's pin when that one is the same release or newer
/// (<see cref="CommittedPins"/>). An input of the generator like any setting, so rendering stays a pure function.
/// </summary>
internal sealed class ActionPinSet
{
    private readonly Dictionary<string, ActionPin> pins;

    private ActionPinSet(Dictionary<string, ActionPin> pins)
    {
        this.pins = pins;
    }

    /// <summary>The package's own pins, unchanged.</summary>
    public static ActionPinSet Packaged { get; } = new(new Dictionary<string, ActionPin>(StringComparer.Ordinal));

    /// <summary>The pin to write for <paramref name="action"/>, one of <see cref="ActionPins.All"/>.</summary>
    public ActionPin For(ActionPin action) => pins.TryGetValue(action.Repository, out var pin) ? pin : action;

    /// <summary>This set with <paramref name="pin"/> in place of the pin for its action.</summary>
    public ActionPinSet With(ActionPin pin)
    {
        var copy = new Dictionary<string, ActionPin>(pins, StringComparer.Ordinal) { [pin.Repository] = pin };
        return new ActionPinSet(copy);
    }

    /// <summary>The package's action named <paramref name="repository"/> (GitHub names ignore case), or null when the generator does not emit it.</summary>
    public static ActionPin? Known(string repository)
    {
        foreach (var action in ActionPins.All)
        {
            if (string.Equals(action.Repository, repository, StringComparison.OrdinalIgnoreCase))
            {
                return action;
            }
        }

        return null;
    }
}
