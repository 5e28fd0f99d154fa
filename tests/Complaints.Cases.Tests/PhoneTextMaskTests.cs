using Complaints.Texts;

namespace Complaints.Cases.Tests;

/// <summary>Phones typed into free text (content, names, addresses, notes, log lines) are masked in every common form.</summary>
public sealed class PhoneTextMaskTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138 1234 5678", "138****5678")]
    [InlineData("+8613812345678", "138****5678")]
    [InlineData("+86-138-1234-5678", "138****5678")]
    [InlineData("008613812345678", "138****5678")]
    [InlineData("0086 138 1234 5678", "138****5678")]
    [InlineData("138 1234 5678", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("(+86)13812345678", "138****5678")]
    [InlineData("(+86) 138 1234 5678", "138****5678")]
    [InlineData("（+86）13812345678", "138****5678")]
    [InlineData("19912345678", "199****5678")]
    [InlineData("0571-88881234", "0571-****1234")]
    [InlineData("0571 8888 1234", "0571-****1234")]
    [InlineData("057188881234", "0571-****1234")]
    [InlineData("(0571)88881234", "0571-****1234")]
    [InlineData("（0571）8888-1234", "0571-****1234")]
    [InlineData("021-12345678", "021-****5678")]
    [InlineData("010 6523 1234", "010-****1234")]
    [InlineData("0571-8881234", "0571-****234")]
    [InlineData("+86 571 8888 1234", "0571-****1234")]
    [InlineData("+86 (0)571 8888 1234", "0571-****1234")]
    [InlineData("+86 21 1234 5678", "021-****5678")]
    public void A_phone_in_any_common_form_is_masked(string phone, string masked)
    {
        PhoneMask.InText(phone).ShouldBe(masked);
        PhoneMask.InText($"请回电{phone}，谢谢").ShouldBe($"请回电{masked}，谢谢");
        PhoneMask.InText($"call {phone}.").ShouldBe($"call {masked}.");
    }

    [Theory]
    [InlineData("缴费 1280.50 元")]
    [InlineData("金额13812345678.50元")]
    [InlineData("余额 1,381,234,567 元")]
    [InlineData("2026-11-30")]
    [InlineData("2026-11-30 13:45")]
    [InlineData("20261130")]
    [InlineData("FYW-2026-000001")]
    [InlineData("工单 FYW-2026-013812")]
    [InlineData("户号 A-1001")]
    [InlineData("户号 88001234")]
    [InlineData("身份证 330102199001011234")]
    [InlineData("银行卡 6222021234567890123")]
    [InlineData("银行卡 6222 0212 3456 7890")]
    [InlineData("12345 热线")]
    [InlineData("95598")]
    [InlineData("138123456789")]
    [InlineData("1381234567")]
    [InlineData("12812345678")]
    public void Ordinary_numbers_are_left_alone(string text) => PhoneMask.InText(text).ShouldBe(text);

    /// <summary>
    /// The ambiguity, decided: an account number shaped like a phone (11 digits from 13–19, or an area code and 7–8
    /// digits) cannot be told from one, so it is masked — a hidden account digit costs nothing, a shown phone is a leak.
    /// </summary>
    [Theory]
    [InlineData("户号 13900001111", "户号 139****1111")]
    [InlineData("户号 0101234567", "户号 010-****567")]
    public void A_number_shaped_like_a_phone_is_masked_even_when_it_is_an_account(string text, string masked) =>
        PhoneMask.InText(text).ShouldBe(masked);

    [Fact]
    public void Several_phones_in_one_text_are_all_masked_and_nothing_else_changes()
    {
        var text = "张三 13812345678，家里 0571-88881234；邻居李四 +86 139 8765 4321。案件 FYW-2026-000001，2026-11-30 报修";

        PhoneMask.InText(text).ShouldBe("张三 138****5678，家里 0571-****1234；邻居李四 139****4321。案件 FYW-2026-000001，2026-11-30 报修");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("没有电话")]
    public void Text_without_a_phone_is_returned_as_it_is(string? text)
    {
        PhoneMask.InTextOrNull(text).ShouldBe(text);
        PhoneMask.HasPhone(text).ShouldBeFalse();
    }
}
