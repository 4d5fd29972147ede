// Nearly every part of the engine reads or writes the database.
global using Earshot.Storage;
global using Microsoft.EntityFrameworkCore;
global using Earshot.Core.Wording;
