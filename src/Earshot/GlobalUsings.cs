// Endpoints and pages all read the database through the caller's access scope.
global using Earshot.Access;
global using Earshot.Core.Wording;
global using Earshot.Settings;
global using Earshot.Storage;
global using Earshot.Wording;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
