using System.ComponentModel.DataAnnotations;

namespace EventEngine.Web.Pages.Account;

/// <summary>A new password, typed twice: the reset page, and the account page (with the current one first).</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "Use at least {2} characters (at most {1}).")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";
}
