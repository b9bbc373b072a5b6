using Tagnn.IO;
using Tagnn.Tests.Data;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.IO;

/// <summary>Whole-folder writes: all or nothing under the final name.</summary>
public sealed class AtomicFolderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static void TwoFiles(string folder)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, "a.txt"), new string('a', 100));
        AtomicFile.WriteAllText(Path.Combine(folder, "sub", "b.txt"), new string('b', 100));
    }

    private string[] Siblings() => [.. Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order()!];

    [Fact]
    public void A_complete_write_appears_under_the_final_name_with_nothing_left_beside_it()
    {
        var output = temp.Combine("out");
        AtomicFolder.Write(output, TwoFiles);
        Assert.Equal(new string('a', 100), File.ReadAllText(Path.Combine(output, "a.txt")));
        Assert.Equal(new string('b', 100), File.ReadAllText(Path.Combine(output, "sub", "b.txt")));
        Assert.Equal(["out"], Siblings());
    }

    [Fact]
    public void A_disk_full_during_the_second_file_leaves_nothing_under_the_final_name()
    {
        var output = temp.Combine("out");
        using (var disk = new SimulatedDiskFull(budget: 150))
        {
            Assert.Throws<IOException>(() => AtomicFolder.Write(output, TwoFiles));
            Assert.Equal(1, disk.Refusals);
        }
        Assert.False(Directory.Exists(output));
        Assert.Empty(Siblings()); // the temporary folder is gone too
    }

    [Fact]
    public void Into_an_existing_folder_a_failure_changes_nothing_and_a_success_replaces_only_its_own_files()
    {
        var output = temp.Combine("out");
        var mine = temp.File(Path.Combine("out", "notes.txt"), "mine");
        temp.File(Path.Combine("out", "a.txt"), "old");
        using (new SimulatedDiskFull(budget: 150))
            Assert.Throws<IOException>(() => AtomicFolder.Write(output, TwoFiles));
        Assert.Equal("old", File.ReadAllText(Path.Combine(output, "a.txt")));
        Assert.False(Directory.Exists(Path.Combine(output, "sub")));

        AtomicFolder.Write(output, TwoFiles);
        Assert.Equal(new string('a', 100), File.ReadAllText(Path.Combine(output, "a.txt")));
        Assert.Equal(new string('b', 100), File.ReadAllText(Path.Combine(output, "sub", "b.txt")));
        Assert.Equal("mine", File.ReadAllText(mine));
        Assert.Equal(["out"], Siblings());
    }

    [Fact]
    public void The_temporary_folder_of_a_killed_process_is_removed_by_the_next_write()
    {
        // No process has id int.MaxValue (Linux ids stop at 2^22): its temporary folder was abandoned.
        var abandoned = temp.Combine($".out.{int.MaxValue}.0123456789abcdef.tmp");
        temp.File(Path.Combine(Path.GetFileName(abandoned), "train.tsv"), "half");
        var live = temp.Combine($".out.{Environment.ProcessId}.0123456789abcdef.tmp"); // a write still under way
        Directory.CreateDirectory(live);
        var other = temp.Combine($".other.{int.MaxValue}.0123456789abcdef.tmp"); // another folder's
        Directory.CreateDirectory(other);
        AtomicFolder.Write(temp.Combine("out"), TwoFiles);
        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public void A_file_given_as_the_folder_is_named_as_a_file()
    {
        var file = temp.File("out", "not a folder");
        var e = Assert.Throws<IOException>(() => AtomicFolder.Write(file, TwoFiles));
        Assert.Equal($"{file} is a file, not a folder; choose another output folder.", e.Message);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
