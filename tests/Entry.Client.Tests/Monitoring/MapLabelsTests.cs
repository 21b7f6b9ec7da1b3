using Entry.Client.Components.Monitoring;

namespace Entry.Client.Tests.Monitoring;

/// <summary>The map's labels: none covers another, each stays inside the map, and one moved off its district says so.</summary>
public sealed class MapLabelsTests
{
    private const double Size = 27.8;

    [Fact]
    public void Two_neighbours_whose_centres_nearly_meet_get_labels_apart_and_the_moved_one_a_leader()
    {
        // Đồng Xoài inside the bend of Đồng Phú: their centres 30 units apart on a 1000-unit map.
        MapLabels.Label[] labels =
        [
            new("689", 520, 610, ["Đồng Xoài", "12,5 %"]),
            new("697", 540, 630, ["Đồng Phú", "8,0 %"]),
        ];

        var placed = MapLabels.Place(labels, Size, 1000, 900);

        Assert.False(placed[0].Moved);
        Assert.True(placed[1].Moved);
        Assert.False(placed[0].Bounds.Overlaps(placed[1].Bounds));
        Assert.Equal((540d, 630d), (placed[1].AnchorX, placed[1].AnchorY));
    }

    [Fact]
    public void Labels_far_apart_stay_on_their_centres()
    {
        MapLabels.Label[] labels = [new("1", 200, 200, ["Bù Đăng", "40 %"]), new("2", 700, 600, ["Lộc Ninh", "55 %"])];

        Assert.All(MapLabels.Place(labels, Size, 1000, 900), p => Assert.False(p.Moved));
    }

    [Fact]
    public void A_crowd_of_labels_ends_with_no_two_overlapping_and_all_inside_the_map()
    {
        var labels = Enumerable.Range(0, 11).Select(i => new MapLabels.Label($"{i}", 480 + i % 3 * 15, 420 + i / 3 * 12, [$"Huyện số {i}", "10 %"])).ToList();

        var placed = MapLabels.Place(labels, Size, 1000, 900);

        for (var i = 0; i < placed.Count; i++)
        {
            Assert.True(placed[i].Bounds.Inside(1000, 900), placed[i].Code);
            for (var j = i + 1; j < placed.Count; j++)
            {
                Assert.False(placed[i].Bounds.Overlaps(placed[j].Bounds), $"{placed[i].Code} and {placed[j].Code}");
            }
        }
    }

    [Fact]
    public void A_label_near_the_edge_is_not_pushed_out_of_the_map()
    {
        MapLabels.Label[] labels = [new("a", 500, 30, ["Bình Long", "20 %"]), new("b", 505, 35, ["Hớn Quản", "30 %"])];

        var placed = MapLabels.Place(labels, Size, 1000, 900);

        Assert.True(placed[1].Bounds.Inside(1000, 900));
        Assert.False(placed[0].Bounds.Overlaps(placed[1].Bounds));
    }
}
