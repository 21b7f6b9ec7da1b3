namespace Entry.Server.Data.Demo;

/// <summary>Plausible Vietnamese names for the demo teams, including the province's S'tiêng and M'nông names.</summary>
internal static class DemoNames
{
    private static readonly string[] Families =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Điểu"];
    private static readonly string[] Men = ["Minh", "Hùng", "Dũng", "Tuấn", "Nam", "Phúc", "Khang", "Long", "Sơn", "Thành", "Bảo", "Quang", "K'Lung", "K'Bró"];
    private static readonly string[] Women = ["Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Ngọc", "Thảo", "Vy", "Yến", "Hạnh", "H'Bia", "H'Lim"];

    public static string Next(Random random)
    {
        var family = Families[random.Next(Families.Length)];
        return random.Next(2) == 0
            ? $"{family} Văn {Men[random.Next(Men.Length)]}"
            : $"{family} Thị {Women[random.Next(Women.Length)]}";
    }
}
