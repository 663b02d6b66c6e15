using System.Globalization;

namespace Marketpilot.Emulators.Wildberries;

/// <summary>The emulated shop's starting state: deterministic, so a test can name what it expects.</summary>
internal static class WildberriesSeed
{
    public const long FirstNmId = 100_001;

    public static void Fill(WildberriesEmulator emulator, int itemCount, DateTimeOffset now)
    {
        var created = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < itemCount; i++)
        {
            var nmId = FirstNmId + i;

            // Pairs of cards share an updatedAt, so the cursor must use the nmID to break ties.
            var updated = created.AddMinutes(i / 2).ToString("yyyy-MM-ddTHH:mm:ss.fffffZ", CultureInfo.InvariantCulture);
            emulator.Items[nmId] = new EmulatedItem
            {
                NmId = nmId,
                VendorCode = $"A-{i}",
                Title = $"Футболка {i}",
                ChrtId = 300_000_000 + i,
                CreatedAt = created.AddDays(-i),
                UpdatedAt = updated,
                Price = 1000 + (i * 10),
                Discount = i % 3 == 0 ? 20 : 0,
                StockWb = i % 7,
                StockMp = i % 5,
                OpenCount = 100 + i,
                CartCount = 10 + (i % 10),
                OrderCount = 3 + (i % 4),
                ReturnCount = i % 6 == 0 ? 1 : 0,
            };
        }

        var running = new EmulatedPromotion { Id = 501, Name = "Распродажа", Type = "regular", Start = now.AddDays(-2), End = now.AddDays(5) };
        var automatic = new EmulatedPromotion { Id = 502, Name = "Автоакция", Type = "auto", Start = now.AddDays(-1), End = now.AddDays(3) };
        var upcoming = new EmulatedPromotion { Id = 503, Name = "Чёрная пятница", Type = "regular", Start = now.AddDays(7), End = now.AddDays(10) };
        foreach (var nmId in emulator.Items.Keys)
        {
            upcoming.Eligible.Add(nmId);
            if (nmId < FirstNmId + 100)
            {
                running.Eligible.Add(nmId);
            }

            if (nmId < FirstNmId + 10)
            {
                running.Members.Add(nmId);
            }
        }

        foreach (var promotion in new[] { running, automatic, upcoming })
        {
            emulator.Promotions[promotion.Id] = promotion;
        }

        emulator.Adverts[701] = Advert(701, "Поиск", "unified", 9, 500, [FirstNmId, FirstNmId + 1, FirstNmId + 2], ["combined"]);
        emulator.Adverts[702] = Advert(702, "Рекомендации", "manual", 11, 800, [FirstNmId + 2, FirstNmId + 3], ["search", "recommendations"]);
        emulator.Adverts[703] = Advert(703, "Летняя", "unified", 7, 0, [FirstNmId + 4], ["combined"]);
        emulator.Adverts[704] = Advert(704, "Без бюджета", "unified", 11, 0, [FirstNmId + 5], ["combined"]);
    }

    private static EmulatedAdvert Advert(long id, string name, string bidType, int status, long budget, long[] nmIds, string[] placements)
    {
        var advert = new EmulatedAdvert { Id = id, Name = name, BidType = bidType, Status = status, Budget = budget };
        foreach (var nmId in nmIds)
        {
            advert.Bids[nmId] = placements.ToDictionary(p => p, _ => 250L);
        }

        return advert;
    }
}
