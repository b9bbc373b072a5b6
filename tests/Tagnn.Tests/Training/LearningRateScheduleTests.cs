using Tagnn.Training;

namespace Tagnn.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Reference_stepping_decays_after_two_epochs_then_every_three()
    {
        var schedule = new LearningRateSchedule(1e-3, 3, 0.1, LearningRateStepping.Reference);
        var rates = Enumerable.Range(0, 9).Select(schedule.RateAt).ToArray();
        // The scheduler steps at the START of each epoch: 1e-3 for epochs 0-1, 1e-4 for 2-4, 1e-5 for 5-7, 1e-6 from 8.
        Assert.Equal(new[] { 0, 0, 1, 1, 1, 2, 2, 2, 3 }, Enumerable.Range(0, 9).Select(schedule.Decays));
        Assert.Equal(1e-3, rates[0]);
        Assert.Equal(1e-3, rates[1]);
        Assert.Equal(1e-3 * 0.1, rates[2]);
        Assert.Equal(1e-3 * 0.1, rates[4]);
        Assert.Equal(1e-3 * 0.1 * 0.1, rates[5]);
        Assert.Equal(1e-3 * 0.1 * 0.1 * 0.1, rates[8]);
    }

    [Fact]
    public void Textbook_stepping_decays_every_three_epochs()
    {
        var schedule = new LearningRateSchedule(1e-3, 3, 0.1, LearningRateStepping.Textbook);
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 3 }, Enumerable.Range(0, 10).Select(schedule.Decays));
        Assert.Equal(1e-3, schedule.RateAt(2));
        Assert.Equal(1e-3 * 0.1, schedule.RateAt(3));
        Assert.Equal(1e-3 * 0.1 * 0.1, schedule.RateAt(6));
    }

    [Fact]
    public void Rates_are_chained_products_like_PyTorchs_StepLR_not_powers()
    {
        // PyTorch multiplies the current rate by gamma at each decay; 1e-3 * 0.1 * 0.1 and 1e-3 * 0.1^2 differ in the last bit.
        var schedule = new LearningRateSchedule(1e-3, 1, 0.1, LearningRateStepping.Textbook);
        double chained = 1e-3;
        for (var epoch = 0; epoch < 12; epoch++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(chained), BitConverter.DoubleToInt64Bits(schedule.RateAt(epoch)));
            chained *= 0.1;
        }
        Assert.NotEqual(1e-3 * 0.1 * 0.1, 1e-3 * Math.Pow(0.1, 2));
    }

    [Fact]
    public void Invalid_settings_are_rejected_by_name()
    {
        Assert.Contains("step", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(StepSize: 0).Validate()).Message);
        Assert.Contains("gamma", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(Gamma: 0).Validate()).Message);
        Assert.Contains("learning rate", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(Initial: -1).Validate()).Message);
    }
}
