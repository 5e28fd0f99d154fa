namespace Complaints.Cases.Tests;

/// <summary>The numbers a complainant can be called back on (PhoneNumbers; docs/domain.md, phone numbers).</summary>
public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13912345678")]
    [InlineData("199 1234 5678")]
    [InlineData("139-1234-5678")]
    [InlineData("+8613912345678")]
    [InlineData("+86 139 1234 5678")]
    [InlineData("008613912345678")]
    public void A_mainland_mobile_is_a_phone(string phone) => PhoneNumbers.IsValid(phone).ShouldBeTrue();

    [Theory]
    [InlineData("0558-2197777")]
    [InlineData("05582197777")]
    [InlineData("010-12345678")]
    [InlineData("0518 86080000")]
    [InlineData("+86 558 2197777")]
    [InlineData("+86 (0)558 2197777")]
    [InlineData("0558-2197777转8001")]
    [InlineData("0558-2197777 ext. 12")]
    [InlineData("010-12345678-123")]
    [InlineData("0558-2197777#6")]
    public void A_landline_with_its_area_code_and_an_extension_is_a_phone(string phone) => PhoneNumbers.IsValid(phone).ShouldBeTrue();

    [Theory]
    [InlineData("400-820-1234")]
    [InlineData("4008201234")]
    [InlineData("800 820 1234")]
    public void A_400_or_800_number_is_a_phone(string phone) => PhoneNumbers.IsValid(phone).ShouldBeTrue();

    [Theory]
    [InlineData("12345")]
    [InlineData("95598")]
    [InlineData("96116")]
    [InlineData("2197777")]
    [InlineData("21977777")]
    [InlineData("5582197777")]
    [InlineData("12912345678")]
    [InlineData("1391234567")]
    [InlineData("139123456789")]
    [InlineData("0558-219777")]
    [InlineData("0558-2197777转")]
    [InlineData("１３９１２３４５６７８")]
    [InlineData("+1 415 555 0100")]
    [InlineData("call me")]
    [InlineData("")]
    [InlineData(null)]
    public void Service_numbers_local_numbers_without_area_code_and_junk_are_not(string? phone) => PhoneNumbers.IsValid(phone).ShouldBeFalse();
}
