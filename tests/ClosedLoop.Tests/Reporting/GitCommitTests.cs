using ClosedLoop.Reporting;

namespace ClosedLoop.Tests.Reporting;

/// <summary>Checks commit lookup against hand-built .git layouts (no git binary needed).</summary>
public class GitCommitTests
{
    private const string HashA = "0123456789abcdef0123456789abcdef01234567";
    private const string HashB = "89abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void Follows_head_to_a_loose_ref_from_a_subdirectory()
    {
        using var dir = new TempDirectory();
        AtomicFile.WriteAllText(dir.File(".git/HEAD"), "ref: refs/heads/main\n");
        AtomicFile.WriteAllText(dir.File(".git/refs/heads/main"), HashA + "\n");
        Directory.CreateDirectory(dir.File("src/deep"));
        Assert.Equal(HashA, GitCommit.Find(dir.File("src/deep")));
    }

    [Fact]
    public void Reads_packed_refs_and_detached_heads()
    {
        using var dir = new TempDirectory();
        AtomicFile.WriteAllText(dir.File(".git/HEAD"), "ref: refs/heads/feature\n");
        AtomicFile.WriteAllText(dir.File(".git/packed-refs"), $"# pack-refs with: peeled\n{HashA} refs/heads/main\n{HashB} refs/heads/feature\n^{HashA}\n");
        Assert.Equal(HashB, GitCommit.Find(dir.Path));
        AtomicFile.WriteAllText(dir.File(".git/HEAD"), HashA.ToUpperInvariant() + "\n");
        Assert.Equal(HashA, GitCommit.Find(dir.Path));
    }

    [Fact]
    public void Follows_a_linked_worktree_to_the_common_directory()
    {
        using var dir = new TempDirectory();
        AtomicFile.WriteAllText(dir.File("main/.git/refs/heads/topic"), HashB + "\n");
        AtomicFile.WriteAllText(dir.File("main/.git/worktrees/wt/HEAD"), "ref: refs/heads/topic\n");
        AtomicFile.WriteAllText(dir.File("main/.git/worktrees/wt/commondir"), "../..\n");
        AtomicFile.WriteAllText(dir.File("wt/.git"), $"gitdir: {dir.File("main/.git/worktrees/wt")}\n");
        Assert.Equal(HashB, GitCommit.Find(dir.File("wt")));
    }

    [Fact]
    public void Returns_null_outside_a_repository_or_for_an_unresolvable_head()
    {
        using var dir = new TempDirectory();
        Assert.Null(GitCommit.Find(dir.Path));
        AtomicFile.WriteAllText(dir.File(".git/HEAD"), "ref: refs/heads/missing\n");
        Assert.Null(GitCommit.Find(dir.Path));
    }
}
