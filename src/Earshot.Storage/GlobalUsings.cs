// The domain types every configuration and writer maps, and EF Core itself.
global using Earshot.Core.Cases;
global using Earshot.Core.Posts;
global using Earshot.Core.Workspaces;
global using Microsoft.EntityFrameworkCore;
